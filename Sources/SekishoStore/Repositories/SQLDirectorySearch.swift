import SekishoCore
import SQLKit

/// The user list's search (``DirectorySearch``), index-backed whatever the term, in two steps:
/// 1. Walk the next ``walkLength`` people in name order from the cursor, testing each. A term that
///    many people share (a mail domain, one letter) fills the page here, where the index would
///    hand over most of the contract.
/// 2. Otherwise the term is rare near the cursor: the search index gives the people who may match,
///    the substring test keeps those who do, and only they are sorted by name, starting after the
///    last walked row.
/// Either way the page is the first matches after the cursor in (name, id) order.
extension SQLDirectory {
    static let walkLength = 512

    func search(_ contract: ContractID, for term: String, after cursor: Cursor?, limit: Int) async throws -> [PersonSummary] {
        let index = SearchIndex(db)
        let walked = try await db.raw(Self.walkQuery(contract, term: term, after: cursor, index: index)).all()
        var ids = try walked.filter { try $0.integer("found_at") > 0 }.map { try $0.text("id") }
        if ids.count < limit, walked.count == Self.walkLength, let last = walked.last {
            let lastWalked = Cursor(name: try last.text("name"), id: PersonID(rawValue: try last.text("id")))
            ids += try await db.raw(Self.indexedQuery(contract, term: term, after: lastWalked, limit: limit - ids.count, index: index))
                .all().map { try $0.text("id") }
        }
        return try await summaries(of: Array(ids.prefix(limit)), in: contract)
    }

    /// The rows of `ids`, in that order. Looked up by id alone, so the database reads them by the
    /// primary key rather than walking the contract to find them; the contract is checked here.
    private func summaries(of ids: [String], in contract: ContractID) async throws -> [PersonSummary] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.raw("\(unsafeRaw: Self.summarySelect) WHERE p.id IN (\(binds: ids))").all().map(Self.summary)
        let byID = Dictionary(
            rows.filter { $0.person.contractID == contract }.map { ($0.person.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    static func walkQuery(_ contract: ContractID, term: String, after cursor: Cursor?, index: SearchIndex) -> SQLQueryString {
        """
        SELECT p.id, p.name, \(index.position(of: term)) AS found_at FROM people p
        WHERE p.contract_id = \(bind: contract.rawValue)\(after: cursor) ORDER BY p.name, p.id LIMIT \(literal: walkLength)
        """
    }

    /// Step 2, also run under EXPLAIN by the query-plan test and the benchmark. The candidates (the
    /// term's matches in every contract) are materialised before the contract and the cursor filter
    /// them, so no database can trade the search index for a walk along the contract's people.
    static func indexedQuery(_ contract: ContractID, term: String, after cursor: Cursor?, limit: Int, index: SearchIndex) -> SQLQueryString {
        """
        WITH found AS MATERIALIZED (
            SELECT p.id, p.name, p.contract_id FROM \(index.candidates(DirectorySearch.queryGrams(term)))
            AND \(index.position(of: term)) > 0)
        SELECT p.id FROM found p WHERE p.contract_id = \(bind: contract.rawValue)\(after: cursor) ORDER BY p.name, p.id LIMIT \(bind: limit)
        """
    }
}

/// Where the two databases differ: the index's predicate and the substring test.
enum SearchIndex {
    case sqlite, postgres

    init(_ db: any SQLDatabase) {
        self = db.dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// `FROM … WHERE <the index holds every gram>`, naming the person `p`.
    func candidates(_ grams: [String]) -> SQLQueryString {
        switch self {
        case .sqlite:
            "people_search JOIN people p ON p.search_key = people_search.rowid WHERE people_search MATCH \(bind: SQLiteSearchGrams.match(grams))"
        case .postgres:
            "people p WHERE sekisho_search_grams(p.search_text) @> string_to_array(\(bind: grams.joined(separator: String(DirectorySearch.separator))), chr(31))"
        }
    }

    /// Where `term` starts in the person's search text, 0 when it does not occur.
    func position(of term: String) -> SQLQueryString {
        switch self {
        case .sqlite: "instr(p.search_text, \(bind: term))"
        case .postgres: "strpos(p.search_text, \(bind: term))"
        }
    }
}

extension SQLQueryString.StringInterpolation {
    /// ` AND (name, id) > cursor`, or nothing without a cursor.
    mutating func appendInterpolation(after cursor: SQLDirectory.Cursor?) {
        guard let cursor else { return }
        appendInterpolation(" AND (p.name > \(bind: cursor.name) OR (p.name = \(bind: cursor.name) AND p.id > \(bind: cursor.id.rawValue)))" as SQLQueryString)
    }
}
