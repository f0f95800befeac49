import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Admin console actions")
struct ManagePeopleTests {
    @Test("roles: admins are made and unmade; never the contractor, never oneself; users may not", arguments: StoreKind.available)
    func roles(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            try await manage.setAdmin(true, person: hanako.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            let admin = Account(person: try #require(try await store.read { try await $0.people.find(hanako.person.id) }), contract: hanako.contract)
            #expect(admin.person.role == .admin)
            await #expect(throws: AdminRefusal.notOnYourself) {
                try await manage.setAdmin(false, person: admin.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: AdminRefusal.contractorIsFixed) {
                try await manage.setAdmin(false, person: fixture.contractor.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: PersonNotFound()) {
                try await manage.setAdmin(true, person: fixture.other.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: AdminOnly()) {
                try await manage.setAdmin(true, person: fixture.contractor.person.id.rawValue, by: try await fixture.member("jun@example.jp"), client: fixture.client)
            }
            try await manage.setAdmin(false, person: admin.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await store.read { try await $0.people.find(hanako.person.id) }?.role == .user)
            #expect(try await store.auditKinds().filter { $0 == .roleChanged }.count == 2)
        }
    }

    @Test("removing a user ends their sessions at once; the contractor and oneself cannot be removed", arguments: StoreKind.available)
    func removal(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            let session = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await manage.remove(person: hanako.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(session.token, client: fixture.client) == nil)
            #expect(try await LockTests.attempt(fixture.services, email: "hanako@example.jp", password: AdminFixture.password) == .rejected)
            try await manage.setAdmin(true, person: try await fixture.member("jun@example.jp").person.id.rawValue, by: fixture.contractor, client: fixture.client)
            let jun = try #require(try await store.read { try await $0.people.find(email: EmailAddress(parsing: "jun@example.jp")!) })
            let junAccount = Account(person: jun, contract: fixture.contractor.contract)
            await #expect(throws: AdminRefusal.contractorIsFixed) {
                try await manage.remove(person: fixture.contractor.person.id.rawValue, by: junAccount, client: fixture.client)
            }
            await #expect(throws: AdminRefusal.notOnYourself) {
                try await manage.remove(person: jun.id.rawValue, by: junAccount, client: fixture.client)
            }
            await #expect(throws: PersonNotFound()) {
                try await manage.remove(person: fixture.other.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            }
            #expect(try await store.read { try await $0.people.find(fixture.other.person.id) } != nil)
        }
    }

    @Test("unlock, two-step reset and ending sessions (SPEC I3), audited with the acting admin", arguments: StoreKind.available)
    func recoveryActions(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            try await UnlockAndThrottleTests.lock(fixture.services, email: "hanako@example.jp")
            let id = hanako.person.id.rawValue
            try await manage.unlock(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await LockTests.attempt(fixture.services, email: "hanako@example.jp", password: AdminFixture.password) == .signedIn)
            let session = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await manage.endSessions(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(session.token, client: fixture.client) == nil)
            let again = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await manage.resetTwoStep(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(again.token, client: fixture.client) == nil, "a reset signs the lost device out")
            let events = try await store.read { try await $0.audit.recent(limit: 10, person: hanako.person.id) }.map(\.event)
            let admin = "admin=\(fixture.contractor.person.id.rawValue)"
            #expect(events.filter { [.accountUnlocked, .sessionsEnded, .twoStepReset].contains($0.kind) }.allSatisfy { $0.detail?.hasSuffix(admin) == true })
            #expect(events.filter { [.accountUnlocked, .sessionsEnded, .twoStepReset].contains($0.kind) }.count == 3)
        }
    }
}
