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
            .first().map { try SQLPeople.person($0) }
    }

    /// The (name, id) the list goes on after.
    struct Cursor {
        let name: String
        let id: PersonID
    }

    func list(_ contract: ContractID, query: DirectoryQuery) async throws -> [PersonSummary] {
        var cursor: Cursor?
        if let after = query.after,
           let row = try await db.select().column("name").from("people")
               .where("id", .equal, after.rawValue).where("contract_id", .equal, contract.rawValue).first() {
            cursor = Cursor(name: try row.text("name"), id: after)
        }
        if let term = query.search.map(DirectorySearch.fold), !term.isEmpty {
            return try await search(contract, for: term, after: cursor, limit: query.limit + 1)
        }
        return try await db.raw(Self.listQuery(contract, after: cursor, limit: query.limit + 1)).all().map(Self.summary)
    }

    /// The list's statement without a search, also run under EXPLAIN by the query-plan test and the benchmark.
    static func listQuery(_ contract: ContractID, after cursor: Cursor?, limit: Int) -> SQLQueryString {
        "\(unsafeRaw: summarySelect) WHERE p.contract_id = \(bind: contract.rawValue)\(after: cursor) ORDER BY p.name, p.id LIMIT \(bind: limit)"
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

    func changeEmail(of person: PersonID, to email: EmailAddress) async throws -> Bool {
        guard let row = try await db.select().column("name").from("people").where("id", .equal, person.rawValue).first() else {
            return false
        }
        // One statement. On SQLite writes are serialised; on PostgreSQL an invitation of the same
        // address committed in the same instant still meets the unique index (an error, nothing written).
        return try await db.raw("""
            UPDATE people SET email = \(bind: email.value), email_normalized = \(bind: email.normalized),
                search_text = \(bind: DirectorySearch.text(name: try row.text("name"), email: email.value))
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
            addressLocked: try row.optionalDate("locked_at") != nil,
            lastSignInAt: try row.optionalDate("last_sign_in_at"))
    }
}
