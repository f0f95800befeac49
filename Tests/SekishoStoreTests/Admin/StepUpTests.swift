import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// Step-up (ASVS 7.5.1–7.5.3): the changes that grant, move, reset or take away access need a sign-in
/// within ``RecentSignIn/window``; those that only help a person back in do not.
@Suite("Step-up before sensitive changes")
struct StepUpTests {
    @Test("a stale admin is refused every change of access and nothing is written; unlock, a reset mail and ending one person's sessions still work",
          arguments: StoreKind.available)
    func staleAdmin(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let hanako = try await fixture.member("hanako@example.jp")
            let id = hanako.person.id.rawValue
            let (people, client, clock) = (fixture.services.managePeople, fixture.client, fixture.services.clock)
            let lines = LineSettings(store: store, clock: clock)
            try await lines.save(route: AccessRoute.lineAndInternet.rawValue, numbers: "CAF1234567890", confirmed: true, by: fixture.contractor, client: client)
            clock.advance(by: RecentSignIn.window)
            let admin = fixture.contractor
            let events = try await store.auditKinds().count
            let refused: [(String, @Sendable () async throws -> Void)] = [
                ("role", { try await people.setAdmin(true, person: id, by: admin, client: client) }),
                ("removal", { try await people.remove(person: id, by: admin, client: client) }),
                ("two-step reset", { try await people.resetTwoStep(person: id, by: admin, client: client) }),
                ("everyone's sessions", { _ = try await people.endAllSessions(by: admin, keeping: SecretToken.generate().digest, client: client) }),
                ("invitation", { _ = try await fixture.services.invitations.invite(name: "鈴木 純", email: "jun@example.jp", admin: true, by: admin, client: client) }),
                ("email check", { _ = try await fixture.services.emailChange.check(person: id, email: "new@example.jp", by: admin) }),
                ("email change", { try await fixture.services.emailChange.request(person: id, email: "new@example.jp", by: admin, client: client) }),
                ("lines", { try await lines.save(route: AccessRoute.lineOnly.rawValue, numbers: "CAF1234567891", confirmed: true, by: admin, client: client) }),
                ("line removal", { try await lines.remove("CAF1234567890", by: admin, client: client) }),
            ]
            for (name, change) in refused {
                await #expect(throws: RecentSignInRequired(), "\(name)") { try await change() }
            }
            #expect(try await store.auditKinds().count == events, "nothing written")
            #expect(try await store.read { try await $0.people.find(hanako.person.id) }?.role == .user)
            #expect(try await store.read { try await $0.lines.count(in: admin.contract.id) } == 1)
            #expect(try await store.read { try await $0.contracts.find(admin.contract.id) }?.accessRoute == .lineAndInternet)

            await #expect(throws: AdminOnly(), "a plain user is told 403 first, however old the sign-in") {
                try await people.setAdmin(true, person: id, by: hanako, client: client)
            }
            try await people.unlock(person: id, by: admin, client: client)
            try await people.sendPasswordReset(person: id, by: admin, client: client)
            try await people.endSessions(person: id, by: admin, client: client)

            let fresh = Account(person: admin.person, contract: admin.contract, provedAt: clock.now().addingTimeInterval(-RecentSignIn.window + 1))
            try await people.setAdmin(true, person: id, by: fresh, client: client)
            #expect(try await store.read { try await $0.people.find(hanako.person.id) }?.role == .admin, "a sign-in inside the window")
        }
    }

    @Test("the contract menu's route and 'keep two-step on reset' need a recent sign-in; the plan upgrade does not",
          arguments: StoreKind.available)
    func staleContractMenu(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let plan = ChangePlanAndRoute(store: store, clock: fixture.services.clock)
            fixture.services.clock.advance(by: RecentSignIn.window + 1)
            let contractor = fixture.contractor
            await #expect(throws: RecentSignInRequired()) {
                try await plan.setKeepsTwoStepOnReset(true, by: contractor, client: fixture.client)
            }
            await #expect(throws: RecentSignInRequired()) {
                try await plan.setRoute(AccessRoute.lineOnly.rawValue, by: contractor, client: fixture.client)
            }
            let contract = try #require(try await store.read { try await $0.contracts.find(contractor.contract.id) })
            #expect(!contract.keepsTwoStepOnPasswordReset && contract.accessRoute == .lineAndInternet)
            try await plan.upgrade(by: contractor, client: fixture.client)
        }
    }
}
