import SQLKit

/// Security keys and passkeys (WebAuthn) as another way through the second step, and the challenge
/// of the ceremony a session has open. A key belongs to its person's two-step registration: deleting
/// the registration (a reset, 「2段階認証を登録し直す」) deletes the keys in the same statement.
enum SecurityKeySchema {
    static let migration = Migration(id: "011_security_keys") { db in
        try await db.create(table: "security_keys")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("two_step_registrations", "person_id", onDelete: .cascade))
            .column("credential_id", type: .text, .notNull, .unique)
            .column("public_key", type: .text, .notNull)
            .column("sign_count", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("last_used_at", type: .bigint)
            .run()
        try await db.create(index: "security_keys_person").on("security_keys").column("person_id").run()

        try await db.create(table: "security_key_challenges")
            .column("session_digest", type: .text, .primaryKey(autoIncrement: false),
                    .references("sessions", "digest", onDelete: .cascade))
            .column("purpose", type: .text, .notNull)
            .column("challenge", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
    }
}
