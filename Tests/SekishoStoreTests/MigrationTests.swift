import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("running migrations again changes nothing", arguments: StoreKind.available)
    func idempotent(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.count("schema_migrations") == Migrations.all.count)
        }
    }

    @Test("instances migrating at once apply each migration exactly once", arguments: StoreKind.available)
    func concurrentMigrations(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            try await store.backend.withTransaction { db in
                try await db.raw("DELETE FROM schema_migrations").run()
                // Dependent tables first; SQLite's search index is a table of its own.
                if kind == .sqlite { try await db.raw("DROP TABLE people_search").run() }
                for table in ["people_name_words", "security_key_challenges", "security_keys", "contract_lines", "federation_requests", "federated_identities", "password_reset_requests", "sign_in_failures", "sms_challenges", "remembered_browsers", "two_step_registrations", "rate_limits",
                              "audit_log", "outbox", "contract_applications", "mail_tickets", "sessions",
                              "password_credentials", "people", "contracts"] {
                    try await db.raw("DROP TABLE \(ident: table)").run()
                }
            }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<3 { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == Migrations.all.map(\.id), "each once; which instance ran which is up to the race")
            #expect(try await store.count("contracts") == 0)
        }
    }
}
