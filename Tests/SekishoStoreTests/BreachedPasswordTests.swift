import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// ASVS 6.2.12: every form that sets a password asks the breach corpus, and a listed password is
/// refused with its reason before anything is written.
@Suite("Breached passwords refused where passwords are chosen")
struct BreachedPasswordTests {
    /// A corpus that lists these passwords.
    struct Listed: BreachCorpus {
        let passwords: Set<String>
        func contains(_ password: String) async throws -> Bool { passwords.contains(password) }
    }

    static let leaked = "summer holidays 2019"
    static let policy = PasswordPolicy(bannedWords: [], commonPasswords: .shipped, breaches: Listed(passwords: [leaked]))

    @Test("the application and the password change refuse a breached password and write nothing", arguments: StoreKind.available)
    func refused(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let apply = ApplyForContract(
                store: store, clock: services.clock, hasher: services.hasher, policy: Self.policy, settings: services.settings)
            await #expect(throws: FormErrors([ApplicationForm.Field.password: .passwordBreached])) {
                try await apply.execute(TestServices.applicationForm(email: "hanako@example.jp", password: Self.leaked), client: TestServices.client)
            }
            #expect(try await store.count("contract_applications") == 0)
            #expect(try await store.count("outbox") == 0)

            _ = try await LockTests.founded(store)
            let change = ChangePassword(
                store: store, clock: services.clock, hasher: services.hasher, policy: Self.policy, settings: services.settings)
            let session = try await ChangePasswordTests.signedInTwice(services)
            await #expect(throws: FormErrors([ChangePassword.Field.password: .passwordBreached])) {
                try await change.execute(
                    in: session, current: LockTests.password, password: Self.leaked, confirmation: Self.leaked, client: TestServices.client)
            }
            try await change.execute(
                in: session, current: LockTests.password, password: "autumn holidays 2019", confirmation: "autumn holidays 2019",
                client: TestServices.client)
        }
    }
}
