import Foundation
import SekishoCore
import SQLKit

/// Applies the migrations that are not yet recorded in `schema_migrations`. Safe when two instances
/// start at once: on PostgreSQL an advisory lock serialises them, on SQLite `BEGIN IMMEDIATE` does.
struct Migrator {
    /// An arbitrary constant shared by every Sekisho instance.
    static let advisoryLockKey = 0x5E_C1_54_0

    let backend: any SQLBackend

    /// Returns the ids of the migrations applied by this call.
    @discardableResult
    func migrate(now: Date) async throws -> [String] {
        let kind = backend.kind
        try await backend.withTransaction { db in
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var applied: [String] = []
        for migration in Migrations.all {
            let ran = try await backend.withTransaction { db -> Bool in
                if kind == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
                }
                let done = try await db.select().column("id").from("schema_migrations")
                    .where("id", .equal, migration.id).first()
                guard done == nil else { return false }
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations").columns("id", "applied_at")
                    .values(SQLBind(migration.id), SQLBind(now.unixSeconds)).run()
                return true
            }
            if ran { applied.append(migration.id) }
        }
        return applied
    }
}
