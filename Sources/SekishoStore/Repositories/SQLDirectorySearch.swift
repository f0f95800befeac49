import SekishoCore
import SQLKit

/// The user list's search (``DirectorySearch``), index-backed whatever the term, in two steps:
/// 1. Walk the next ``walkLength`` people in name order from the cursor, testing each. A term that
///    many people share (a mail domain, one letter) fills the page here, where the index would
///    hand over most of the contract.
/// 2. Otherwise the term is rare near the cursor, and the page is read after the last walked row:
///    - A term of one word (or of two) that begins at most ``wordRangeLimit`` distinct keys of the
///      words index (words, or pairs of neighbouring words, of the contract's names): the first page
///      of each such key, in list order, joined with the people where it occurs elsewhere: the
///      search index's candidates holding its first run unmarked (``DirectorySearch``), tested and
///      sorted. A surname, a given name or a full name that thousands share costs a few ranges, not
///      a sort of all of them.
///    - Any other term: the search index gives the people who may match, the substring test keeps
///      those who do, and only they are sorted by name.
/// Either way the page is the first matches after the cursor in (name, id) order.
extension SQLDirectory {
    static let walkLength = 512
    static let wordRangeLimit = 16

    func search(_ contract: ContractID, for term: String, after cursor: Cursor?, limit: Int) async throws -> [PersonSummary] {
        let walked = try await db.raw(Self.walkQuery(contract, term: term, after: cursor, index: SearchIndex(db))).all()
        var ids = try walked.filter { try $0.integer("found_at") > 0 }.map { try $0.text("id") }
        if ids.count < limit, walked.count == Self.walkLength, let last = walked.last {
            let lastWalked = Cursor(name: try last.text("name"), id: PersonID(rawValue: try last.text("id")))
            ids += try await db.raw(stepTwoQuery(contract, term: term, after: lastWalked, limit: limit - ids.count))
                .all().map { try $0.text("id") }
        }
        return try await summaries(of: Array(ids.prefix(limit)), in: contract)
    }

    /// Step 2's statement, also run under EXPLAIN by the benchmark and the query-plan test.
    func stepTwoQuery(_ contract: ContractID, term: String, after cursor: Cursor?, limit: Int) async throws -> SQLQueryString {
        let index = SearchIndex(db)
        guard let prefix = DirectorySearch.wordKeyPrefix(of: term), let keys = try await wordKeys(beginning: prefix, in: contract) else {
            return Self.indexedQuery(contract, term: term, after: cursor, limit: limit, index: index)
        }
        return Self.wordQuery(contract, term: term, keys: keys, after: cursor, limit: limit, index: index)
    }

    /// The distinct keys of the words index in the contract that begin with `prefix`, one index seek
    /// each; nil when there are more than ``wordRangeLimit``.
    private func wordKeys(beginning prefix: String, in contract: ContractID) async throws -> [String]? {
        let below = DirectorySearch.prefixUpperBound(prefix).map { " AND w.word < \(bind: $0)" as SQLQueryString } ?? ""
        let keys = try await db.raw("""
            WITH RECURSIVE found (word, n) AS (
                SELECT min(w.word), 1 FROM people_name_words w
                WHERE w.contract_id = \(bind: contract.rawValue) AND w.word >= \(bind: prefix)\(below)
                UNION ALL
                SELECT (SELECT min(w.word) FROM people_name_words w
                        WHERE w.contract_id = \(bind: contract.rawValue) AND w.word > found.word\(below)), found.n + 1
                FROM found WHERE found.word IS NOT NULL AND found.n <= \(literal: Self.wordRangeLimit))
            SELECT word FROM found WHERE word IS NOT NULL
            """).all().map { try $0.text("word") }
        return keys.count > Self.wordRangeLimit ? nil : keys
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

    /// The candidates (the term's matches in every contract) are materialised before the contract
    /// and the cursor filter them, so no database can trade the search index for a walk along the
    /// contract's people.
    static func indexedQuery(_ contract: ContractID, term: String, after cursor: Cursor?, limit: Int, index: SearchIndex) -> SQLQueryString {
        """
        WITH found AS MATERIALIZED (
            SELECT p.id, p.name, p.contract_id FROM \(index.candidates(DirectorySearch.queryGrams(term).map(DirectorySearch.indexForms)))
            AND \(index.position(of: term)) > 0)
        SELECT p.id FROM found p WHERE p.contract_id = \(bind: contract.rawValue)\(after: cursor) ORDER BY p.name, p.id LIMIT \(bind: limit)
        """
    }

    /// Each key's first `limit` people after the cursor, and the first `limit` of those where the
    /// term occurs elsewhere; the union (a person found twice counts once) is sorted and cut.
    static func wordQuery(
        _ contract: ContractID, term: String, keys: [String], after cursor: Cursor?, limit: Int, index: SearchIndex
    ) -> SQLQueryString {
        let grams = DirectorySearch.queryGrams(term)
        let elsewhere = [[grams[0]]] + grams.dropFirst().map(DirectorySearch.indexForms)
        var query: SQLQueryString = """
            WITH found AS MATERIALIZED (
                SELECT p.id, p.name, p.contract_id FROM \(index.candidates(elsewhere)) AND \(index.position(of: term)) > 0)
            SELECT name, id FROM (
                SELECT p.name, p.id FROM found p WHERE p.contract_id = \(bind: contract.rawValue)\(after: cursor)
                ORDER BY p.name, p.id LIMIT \(bind: limit)) elsewhere
            """
        for (number, key) in keys.enumerated() {
            query += """
                 UNION SELECT name, id FROM (
                    SELECT p.name, p.id FROM people_name_words p WHERE p.contract_id = \(bind: contract.rawValue) AND p.word = \(bind: key)\(after: cursor)
                    ORDER BY p.name, p.id LIMIT \(bind: limit)) word\(literal: number)
                """
        }
        query += " ORDER BY name, id LIMIT \(bind: limit)"
        return query
    }
}

/// Where the two databases differ: the index's predicate and the substring test.
enum SearchIndex {
    case sqlite, postgres

    init(_ db: any SQLDatabase) {
        self = db.dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// `FROM … WHERE <the index holds one run of each entry>`, naming the person `p`.
    func candidates(_ alternatives: [[String]]) -> SQLQueryString {
        switch self {
        case .sqlite:
            return "people_search JOIN people p ON p.search_key = people_search.rowid WHERE people_search MATCH \(bind: SQLiteSearchGrams.match(alternatives))"
        case .postgres:
            var query: SQLQueryString = "people p WHERE true"
            for grams in alternatives {
                let array = grams.joined(separator: String(DirectorySearch.separator))
                query += " AND sekisho_search_grams(p.search_text) && string_to_array(\(bind: array), chr(31))"
            }
            return query
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
