import SQLKit

/// Wrong-password counts and locks per email, forgotten-password requests waiting for their mail, and
/// the contract's "keep two-step on password reset".
enum RecoverySchema {
    static let migration = Migration(id: "003_recovery") { db in
        try await db.create(table: "sign_in_failures")
            // The normalised email, with or without an account (SPEC H6): no foreign key.
            .column("email", type: .text, .primaryKey(autoIncrement: false))
            // Attempts counted before their hash (in flight or failed), and wrong passwords among them.
            .column("attempts", type: .bigint, .notNull)
            .column("failures", type: .bigint, .notNull)
            .column("locked_at", type: .bigint)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "sign_in_failures_updated").on("sign_in_failures").column("updated_at").run()

        try await db.create(table: "password_reset_requests")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("email", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .column("user_agent", type: .text, .notNull)
            .column("requested_at", type: .bigint, .notNull)
            .run()

        try await db.alter(table: "contracts").column("keep_two_step_on_reset", type: .bigint, .notNull, .default(0)).run()
    }
}
