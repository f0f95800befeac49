import SQLKit

/// Two-step registrations, SMS codes of sign-in attempts, remembered browsers, rate-limit windows,
/// and the sessions' two-step state.
enum TwoStepSchema {
    static let migration = Migration(id: "002_two_step") { db in
        try await db.create(table: "two_step_registrations")
            .column("person_id", type: .text, .primaryKey(autoIncrement: false), .references("people", "id", onDelete: .cascade))
            .column("method", type: .text, .notNull)
            .column("sealed_key", type: .text)
            .column("phone", type: .text)
            .column("last_step", type: .bigint)
            .column("recovery_digest", type: .text)
            .column("recovery_saved", type: .bigint, .notNull)
            .column("confirmed_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()

        try await db.create(table: "sms_challenges")
            .column("session_digest", type: .text, .primaryKey(autoIncrement: false),
                    .references("sessions", "digest", onDelete: .cascade))
            .column("person_id", type: .text, .notNull, .references("people", "id", onDelete: .cascade))
            .column("phone", type: .text, .notNull)
            .column("code_digest", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("tries", type: .bigint, .notNull)
            .run()

        try await db.create(table: "remembered_browsers")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("person_id", type: .text, .notNull, .references("people", "id", onDelete: .cascade))
            .column("digest", type: .text, .notNull, .unique)
            .column("label", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("last_used_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "remembered_browsers_person").on("remembered_browsers").column("person_id").run()
        try await db.create(index: "remembered_browsers_last_used").on("remembered_browsers").column("last_used_at").run()

        try await db.create(table: "rate_limits")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("window_start", type: .bigint, .notNull)
            .column("hits", type: .bigint, .notNull)
            .run()
        try await db.create(index: "rate_limits_window").on("rate_limits").column("window_start").run()

        try await db.alter(table: "sessions").column("pending_secret", type: .text).run()
        try await db.alter(table: "sessions").column("remember_browser", type: .bigint, .notNull, .default(0)).run()
    }
}
