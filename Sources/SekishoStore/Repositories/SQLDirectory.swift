import Foundation
import SekishoCore
import SQLKit

/// Every statement is scoped by `contract_id`; the list walks the `(contract_id, name, id)` index in
/// order and stops after a page, so it never sorts the contract's people and never uses OFFSET.
struct SQLDirectory: DirectoryRepository {
    let db: any SQLDatabase

    func find(_ id: PersonID, in contract: ContractID) async throws -> Person? {
        try await db.select().column("*").from("people")
            .where("id", .equal, id.rawValue).where("contract_id", .equal, contract.rawValue)
            .first().map(SQLPeople.person)
    }

    func list(_ contract: ContractID, query: DirectoryQuery) async throws -> [PersonSummary] {
        var cursor: (name: String, id: PersonID)?
        if let after = query.after,
           let row = try await db.select().column("name").from("people")
               .where("id", .equal, after.rawValue).where("contract_id", .equal, contract.rawValue).first() {
            cursor = (try row.text("name"), after)
        }
        return try await db.raw(Self.listQuery(contract, search: query.search, after: cursor, limit: query.limit + 1)).all().map(Self.summary)
    }

    /// The list's one statement, also run under EXPLAIN by the query-plan test and the benchmark.
    static func listQuery(_ contract: ContractID, search: String?, after cursor: (name: String, id: PersonID)?, limit: Int) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["p.contract_id = \(bind: contract.rawValue)"]
        if let cursor {
            conditions.append("(p.name > \(bind: cursor.name) OR (p.name = \(bind: cursor.name) AND p.id > \(bind: cursor.id.rawValue)))")
        }
        if let search {
            let pattern = "%\(escapeLike(search.lowercased()))%"
            conditions.append("(LOWER(p.name) LIKE \(bind: pattern) ESCAPE '\\' OR p.email_normalized LIKE \(bind: pattern) ESCAPE '\\')")
        }
        let filter = conditions.dropFirst().reduce(conditions[0]) { "\($0) AND \($1)" }
        return "\(unsafeRaw: summarySelect) WHERE \(filter) ORDER BY p.name, p.id LIMIT \(bind: limit)"
    }

    func summary(_ id: PersonID, in contract: ContractID) async throws -> PersonSummary? {
        try await db.raw("""
            \(unsafeRaw: Self.summarySelect) WHERE p.contract_id = \(bind: contract.rawValue) AND p.id = \(bind: id.rawValue)
            """).first().map(Self.summary)
    }

    func setRole(_ role: Role, of person: PersonID, in contract: ContractID) async throws {
        try await db.update("people").set("role", to: role.rawValue)
            .where("id", .equal, person.rawValue).where("contract_id", .equal, contract.rawValue).run()
    }

    func activate(_ person: PersonID) async throws -> Bool {
        try await db.update("people").set("status", to: PersonStatus.active.rawValue)
            .where("id", .equal, person.rawValue).where("status", .equal, PersonStatus.invited.rawValue)
            .returning("id").first() != nil
    }

    func delete(_ person: PersonID, in contract: ContractID) async throws -> Bool {
        try await db.delete(from: "people")
            .where("id", .equal, person.rawValue).where("contract_id", .equal, contract.rawValue)
            .returning("id").first() != nil
    }

    func recordSignIn(_ person: PersonID, at now: Date) async throws {
        try await db.update("people").set("last_sign_in_at", to: now.unixSeconds).where("id", .equal, person.rawValue).run()
    }

    func changeEmail(of person: PersonID, to email: EmailAddress, loginMethod: LoginMethod) async throws -> Bool {
        // One statement. On SQLite writes are serialised; on PostgreSQL an invitation of the same
        // address committed in the same instant still meets the unique index (an error, nothing written).
        try await db.raw("""
            UPDATE people SET email = \(bind: email.value), email_normalized = \(bind: email.normalized),
                login_method = \(bind: loginMethod.rawValue)
            WHERE id = \(bind: person.rawValue)
              AND NOT EXISTS (SELECT 1 FROM people other WHERE other.email_normalized = \(bind: email.normalized))
            RETURNING id
            """).first() != nil
    }

    static let summarySelect = """
        SELECT p.*, t.method AS two_step_method, t.confirmed_at AS two_step_confirmed_at, f.locked_at AS locked_at
        FROM people p
        LEFT JOIN two_step_registrations t ON t.person_id = p.id
        LEFT JOIN sign_in_failures f ON f.email = p.email_normalized
        """

    static func summary(_ row: any SQLRow) throws -> PersonSummary {
        let confirmed = try row.optionalDate("two_step_confirmed_at") != nil
        return PersonSummary(
            person: try SQLPeople.person(row),
            twoStep: confirmed ? try row.optionalText("two_step_method").flatMap(TwoStepMethod.init(rawValue:)) : nil,
            locked: try row.optionalDate("locked_at") != nil,
            lastSignInAt: try row.optionalDate("last_sign_in_at"))
    }

    /// `%`, `_` and `\` typed in the search are matched as themselves.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
