import SQLKit

/// The contract menu's own sessions (SPEC J1): a session's scope; and the contract's details (SPEC J3).
enum ContractMenuSchema {
    static let migration = Migration(id: "006_contract_menu") { db in
        try await db.alter(table: "sessions").column("scope", type: .text, .notNull, .default("portal")).run()
        for column in ["postal_code", "address", "phone", "billing_contact", "billing_email"] {
            try await db.alter(table: "contracts").column(column, type: .text).run()
        }
    }
}
