import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

@Suite("People")
struct PeopleTests {
    @Test("an email is unique across the service whatever its case", arguments: StoreKind.available)
    func uniqueEmail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "Hanako@Example.jp"))
            await #expect(throws: RegistrationError.emailTaken) {
                _ = try await services.createContract.execute(TestServices.applicationForm(email: "hanako@EXAMPLE.JP"))
            }
            #expect(try await store.count("contracts") == 1, "the second contract was rolled back with its person")
            let found = try await store.read { try await $0.people.find(email: EmailAddress(parsing: "HANAKO@example.JP")!) }
            #expect(found?.email.value == "Hanako@Example.jp")
        }
    }

    @Test("concurrent creation with one email: exactly one wins", arguments: StoreKind.available)
    func concurrentUniqueEmail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let wins = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let form = TestServices.applicationForm(email: index.isMultiple(of: 2) ? "same@example.jp" : "SAME@example.jp")
                        return (try? await services.createContract.execute(form)) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await store.count("people") == 1)
            #expect(try await store.count("contracts") == 1)
        }
    }
}

@Suite("Unique conflicts")
struct UniqueConflictTests {
    @Test("a unique index refusing a row is StoreError.conflict on both databases, not a raw driver error", arguments: StoreKind.available)
    func conflict(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let (contract, taro) = try await services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp"))
            await #expect(throws: StoreError.conflict) {
                try await store.backend.withTransaction { db in
                    try await db.insert(into: "people")
                        .columns("id", "contract_id", "email", "email_normalized", "name", "role", "login_method", "created_at", "status")
                        .values(PersonID.random().rawValue, contract.id.rawValue, "TARO@example.jp", taro.email.normalized, "二重",
                                "user", "password", Int64(0), "active")
                        .run()
                }
            }
            #expect(try await store.count("people") == 1)
        }
    }
}
