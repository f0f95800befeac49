import SQLKit

/// Line authentication (SPEC D2–D6): the contracts' registered lines with the West-area notice
/// answer, and the line that replaced two-step verification for a session.
enum LineSchema {
    static let migration = Migration(id: "009_lines") { db in
        try await db.create(table: "contract_lines")
            .column("contract_id", type: .text, .notNull, .references("contracts", "id", onDelete: .cascade))
            .column("line_number", type: .text, .notNull)
            .column("notice", type: .text)
            .column("added_at", type: .bigint, .notNull)
            .primaryKey("contract_id", "line_number")
            .run()
        try await db.alter(table: "sessions").column("line_number", type: .text).run()
    }
}
