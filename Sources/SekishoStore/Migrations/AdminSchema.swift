import SQLKit

/// Invited people (`status`), the last sign-in, and the indexes of the admin console's user list
/// (contract, name, id: sorted and paged by keyset) and audit-log filter (contract, event, id).
enum AdminSchema {
    static let migration = Migration(id: "004_admin") { db in
        try await db.alter(table: "people").column("status", type: .text, .notNull, .default("active")).run()
        try await db.alter(table: "people").column("last_sign_in_at", type: .bigint).run()
        try await db.create(index: "people_directory").on("people").column("contract_id").column("name").column("id").run()
        try await db.create(index: "audit_log_contract_event").on("audit_log").column("contract_id").column("event").column("id").run()
    }
}
