import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Password change in the contract menu")
struct ChangePasswordTests {
    static let newPassword = "a brand new passphrase"

    /// The contractor signed in twice: at the portal and at the contract menu, whose session is returned.
    static func signedInTwice(_ services: TestServices) async throws -> ActiveSession {
        _ = try await services.signIn.execute(email: LockTests.email, password: LockTests.password, previous: nil, client: TestServices.client)
        let menu = try await services.signIn.execute(
            email: LockTests.email, password: LockTests.password, previous: nil, scope: .contractMenu, client: TestServices.client)
        return try #require(try await services.sessions.resume(menu.token, client: TestServices.client))
    }

    @Test("the change keeps this session, ends the others, forgets browsers, mails a notice and audits", arguments: StoreKind.available)
    func change(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            let session = try await Self.signedInTwice(services)
            #expect(session.record.scope == .contractMenu)
            try await services.changePassword.execute(
                in: session, current: LockTests.password, password: Self.newPassword, confirmation: Self.newPassword, client: TestServices.client)
            #expect(try await store.count("sessions") == 1)
            #expect(try await services.sessions.resume(session.token, client: TestServices.client) != nil)
            #expect(try await LockTests.mails(store, subject: "【コーデックストレージ】パスワード変更のお知らせ").count == 1)
            #expect(try await store.auditKinds().last == .passwordChanged)
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .rejected)
            #expect(try await LockTests.attempt(services, password: Self.newPassword) == .signedIn)
        }
    }

    /// A changed password ends whatever the old one could still open: outstanding unlock and reset
    /// links (7-day links, ASVS 6.4.1) and remembered browsers (6.3.3).
    @Test("the change voids unlock and reset links and forgets remembered browsers", arguments: StoreKind.available)
    func voidsLinksAndBrowsers(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, person) = try await LockTests.founded(store)
            let now = services.clock.now()
            let unlock = try await store.outstandingTicket(.unlock, of: person.id, at: now)
            let reset = try await store.outstandingTicket(.passwordReset, of: person.id, at: now)
            _ = try await store.rememberBrowser(of: person.id, at: now)
            #expect(try await store.isUsable(unlock, .unlock, at: now))
            #expect(try await store.isUsable(reset, .passwordReset, at: now))

            try await services.changePassword.execute(
                in: try await Self.signedInTwice(services), current: LockTests.password, password: Self.newPassword,
                confirmation: Self.newPassword, client: TestServices.client)
            #expect(try await !store.isUsable(unlock, .unlock, at: now))
            #expect(try await !store.isUsable(reset, .passwordReset, at: now))
            #expect(try await store.count("remembered_browsers") == 0)
            let detail = try await store.read { try await $0.audit.recent(limit: 10, person: person.id) }.map(\.event)
                .first { $0.kind == .passwordChanged }?.detail
            #expect(detail == "sessions_ended=1,browsers_forgotten=1")
        }
    }

    @Test("a wrong current password is said, counts towards the lock like a sign-in, and changes nothing", arguments: StoreKind.available)
    func wrongCurrent(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            let session = try await Self.signedInTwice(services)
            let change = {
                try await services.changePassword.execute(
                    in: session, current: "not it", password: Self.newPassword, confirmation: Self.newPassword, client: TestServices.client)
            }
            for _ in 1..<LockoutPolicy().maxFailures {
                await #expect(throws: FormErrors([ChangePassword.Field.current: .wrongCurrentPassword])) { try await change() }
            }
            await #expect(throws: AccountLocked.self) { try await change() }
            #expect(try await LockTests.mails(store, subject: "【コーデックストレージ】アカウントロック").count == 1)
            #expect(try await store.count("sessions") == 2, "nothing ended")
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .locked)
        }
    }
}

@Suite("Free trial's end (SPEC A3)")
struct TrialEndTests {
    @Test("after the trial only the contractor's contract menu opens; open sessions stop; the upgrade opens everything again",
          arguments: StoreKind.available)
    func trialEnd(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let (contract, _) = try await services.createContract.execute(
                TestServices.applicationForm(email: LockTests.email, plan: "trial"))
            let sign = { (scope: SessionScope) in
                try await services.signIn.execute(
                    email: LockTests.email, password: LockTests.password, previous: nil, scope: scope, client: TestServices.client)
            }
            let portal = try await sign(.portal)
            #expect(try await services.sessions.resume(portal.token, client: TestServices.client) != nil)
            services.clock.advance(by: try #require(contract.trialEndsAt).timeIntervalSince(services.clock.now()))
            #expect(try await services.sessions.resume(portal.token, client: TestServices.client) == nil, "the open portal session stops")
            await #expect(throws: ContractClosed.trialEnded) { try await sign(.portal) }
            #expect(try await LockTests.attempt(services, password: "wrong") == .rejected, "a wrong password tells nothing more")
            let menu = try await sign(.contractMenu)
            let session = try #require(try await services.sessions.resume(menu.token, client: TestServices.client))
            try await ChangePlanAndRoute(store: store, clock: services.clock)
                .upgrade(by: try #require(session.account), client: TestServices.client)
            _ = try await sign(.portal)
            #expect(try await store.auditKinds().contains(.signInRefusedTrialEnded))
        }
    }
}
