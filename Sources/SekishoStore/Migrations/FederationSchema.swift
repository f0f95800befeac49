import SQLKit

/// Google and Facebook (SPEC B4, E2, F1, F4): the link of a person to a provider account, the
/// pending provider round trips, and the provider account an application waits with.
enum FederationSchema {
    static let migration = Migration(id: "008_federation") { db in
        try await db.create(table: "federated_identities")
            .column("person_id", type: .text, .primaryKey(autoIncrement: false), .references("people", "id", onDelete: .cascade))
            .column("provider", type: .text, .notNull)
            .column("issuer", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("linked_at", type: .bigint, .notNull)
            .run()
        // Accounts are found by (provider, subject), and one provider account names one person.
        try await db.create(index: "federated_identities_subject").on("federated_identities")
            .column("provider").column("subject").unique().run()

        try await db.create(table: "federation_requests")
            .column("key_digest", type: .text, .primaryKey(autoIncrement: false))
            .column("session_digest", type: .text, .notNull)
            .column("provider", type: .text, .notNull)
            .column("purpose", type: .text, .notNull)
            .column("target", type: .text, .notNull)
            .column("nonce", type: .text, .notNull)
            .column("issuer", type: .text)
            .column("subject", type: .text)
            .column("email", type: .text)
            .column("email_verified", type: .bigint)
            .column("display_name", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "federation_requests_created").on("federation_requests").column("created_at").run()

        // An application with a provider has no password ('' in password_hash) but these.
        try await db.alter(table: "contract_applications").column("provider_issuer", type: .text).run()
        try await db.alter(table: "contract_applications").column("provider_subject", type: .text).run()
    }
}
