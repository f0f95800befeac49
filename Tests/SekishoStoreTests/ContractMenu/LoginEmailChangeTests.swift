import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Login method and email change in the contract menu (SPEC F1–F4, F6, F7)")
struct LoginEmailChangeTests {
    static let newEmail = "hanako@example.com"
    static let newPassword = "a brand new passphrase"

    /// A signed-in contract-menu session of `person`, as the contract menu's sign-in leaves it.
    static func menuSession(_ fixture: TwoStepFixture, person: Person? = nil) async throws -> ActiveSession {
        let token = SecretToken.generate()
        let now = fixture.now
        let record = SessionRecord(
            digest: token.digest, personID: (person ?? fixture.person).id, stage: .signedIn, scope: .contractMenu, createdAt: now,
            lastSeenAt: now)
        try await fixture.store.transaction { tx in try await tx.sessions.insert(record) }
        return try await fixture.resume(token)
    }

    static func request(_ fixture: TwoStepFixture, _ session: ActiveSession, email: String = newEmail, again: String? = nil) async throws {
        try await fixture.services.changeLoginEmail.request(
            in: session, email: email, confirmation: again ?? email, client: fixture.client)
    }

    @Test("the link goes to the new address; 登録 keeps this menu session, ends the rest, resets two-step, notifies the old address",
          arguments: StoreKind.available)
    func change(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator(remember: true)
            let menu = try await Self.menuSession(fixture)
            try await Self.request(fixture, menu)
            let link = try #require(try await LockTests.mails(store, subject: "【コーデックストレージ】メールアドレス変更登録").first)
            #expect(link.recipient == Self.newEmail && link.body.contains("/lo/email?ticket="))
            #expect(try await store.auditKinds().last == .emailChangeRequested)
            #expect(try await LockTests.attempt(fixture.services, password: fixture.password) == .signedIn, "the old email works until the link is used")

            let ticket = try #require(MailTickets.ticket(in: link.body))
            let outcome = try await fixture.services.emailChange.complete(
                ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, browser: menu, client: fixture.client)
            #expect(outcome == .contractMenu)
            #expect(try await fixture.services.sessions.resume(menu.token, client: fixture.client)?.account?.person.email.value == Self.newEmail)
            #expect(try await store.count("sessions") == 1, "the portal sessions ended")
            #expect(try await fixture.registration() == nil, "two-step enrols again")
            #expect(try await store.count("remembered_browsers") == 0)
            #expect(try await LockTests.mails(store, subject: "【コーデックストレージ】メールアドレス変更のお知らせ").first?.recipient == fixture.email)
            #expect(try await LockTests.attempt(fixture.services, password: fixture.password) == .rejected)
            #expect(try await LockTests.attempt(fixture.services, email: Self.newEmail, password: Self.newPassword) == .signedIn)
            await #expect(throws: TicketRejected.self) {
                try await fixture.services.emailChange.complete(
                    ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, browser: nil, client: fixture.client)
            }
        }
    }

    @Test("opened in another browser, 登録 ends every session: sign in again", arguments: StoreKind.available)
    func otherBrowser(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let menu = try await Self.menuSession(fixture)
            try await Self.request(fixture, menu)
            let ticket = try #require(try await MailTickets.latest(to: Self.newEmail, in: store.outboxQueue))
            let outcome = try await fixture.services.emailChange.complete(
                ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, browser: nil, client: fixture.client)
            #expect(outcome == .signInAgain)
            #expect(try await store.count("sessions") == 0)
        }
    }

    @Test("refused on a free trial, and after ten minutes until the password is entered again", arguments: StoreKind.available)
    func refusals(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "trial@example.jp", plan: "trial"))
            let fixture = try await TwoStepFixture.make(store)
            let trialPerson = try #require(try await store.read { tx in try await tx.people.find(email: EmailAddress(parsing: "trial@example.jp")!) })
            let trial = try await Self.menuSession(fixture, person: trialPerson)
            await #expect(throws: LoginEmailChangeRefused.freeTrial) { try await Self.request(fixture, trial) }

            let menu = try await Self.menuSession(fixture)
            fixture.services.clock.advance(by: RecentSignIn.window)
            await #expect(throws: RecentSignInRequired()) { try await Self.request(fixture, menu) }
            let recent = fixture.services.recentSignIn
            await #expect(throws: FormErrors([RecentSignIn.field: .wrongCurrentPassword])) {
                _ = try await recent.confirm(menu, password: "not it", code: nil, client: fixture.client)
            }
            let token = try await recent.confirm(menu, password: fixture.password, code: nil, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(menu.token, client: fixture.client) == nil, "a new session id")
            let renewed = try await fixture.resume(token)
            #expect(renewed.record.scope == .contractMenu)
            try await Self.request(fixture, renewed)
            #expect(try await store.auditKinds().contains(.reauthenticated))
            #expect(try await store.auditKinds().contains(.reauthenticationFailed))
        }
    }

    @Test("bad input: mismatch, the same address, not an address; nothing sent", arguments: StoreKind.available)
    func badInput(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let menu = try await Self.menuSession(fixture)
            typealias Field = ChangeLoginEmail.Field
            await #expect(throws: FormErrors([Field.confirmation: .emailMismatch])) {
                try await Self.request(fixture, menu, again: "other@example.com")
            }
            await #expect(throws: FormErrors([Field.email: .emailUnchanged])) { try await Self.request(fixture, menu, email: "TARO@example.jp") }
            await #expect(throws: FormErrors([Field.email: .invalidEmail])) { try await Self.request(fixture, menu, email: "not an email") }
            #expect(try await store.count("mail_tickets") == 0)
        }
    }

    @Test("an address that has an account: the same outcome, and its owner gets a notice instead of a link", arguments: StoreKind.available)
    func takenAddress(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            _ = try await fixture.services.createContract.execute(TestServices.applicationForm(email: Self.newEmail))
            let menu = try await Self.menuSession(fixture)
            try await Self.request(fixture, menu)
            let mails = try await store.outboxQueue.recent(limit: 10).filter { $0.recipient == Self.newEmail }
            #expect(mails.count == 1 && !mails[0].body.contains("ticket="))
            #expect(try await store.auditKinds().last == .emailChangeRequested)
        }
    }

    @Test("an admin cannot change the contractor's email (it would hand over the contract)", arguments: StoreKind.available)
    func notByAdmin(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let contractor = try #require(try await Self.menuSession(fixture).account)
            let invited = try await fixture.services.invitations.invite(
                name: "管理 者", email: "admin@example.jp", admin: true, by: contractor, client: fixture.client)
            let admin = try await store.transaction { tx in
                _ = try await tx.directory.activate(invited.id)
                return try await tx.people.find(invited.id)
            }
            let account = Account(person: try #require(admin), contract: contractor.contract, provedAt: fixture.services.clock.now())
            await #expect(throws: AdminRefusal.contractorEmail) {
                try await fixture.services.emailChange.request(
                    person: fixture.person.id.rawValue, email: Self.newEmail, by: account, client: fixture.client)
            }
        }
    }
}
