import SQLKit

/// The contract menu's own sessions (SPEC J1): a session's scope.
enum ContractMenuSchema {
    static let migration = Migration(id: "006_contract_menu") { db in
        try await db.alter(table: "sessions").column("scope", type: .text, .notNull, .default("portal")).run()
    }
}
