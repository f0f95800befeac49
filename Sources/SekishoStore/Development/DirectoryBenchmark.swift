import Foundation
public import SekishoCore
import SQLKit

/// `sekisho dev bench directory`: the admin console's list and search on a seeded contract, timed
/// as the store runs them (no HTTP), with the database's plan for each query.
public struct DirectoryBenchmark: Sendable {
    let store: SQLStore

    public init(store: SQLStore) {
        self.store = store
    }

    public struct Result: Sendable {
        public let name: String
        public let rows: Int
        public let p50: Duration
        public let p99: Duration
        public let plan: String
    }

    /// Each case `rounds` times after one warm-up: the first page, a page deep in the list, and
    /// searches that everyone, many, one or nobody match, near the start of the list or far down it.
    public func run(contract: ContractID, rounds: Int = 50) async throws -> [Result] {
        let directory = { (query: DirectoryQuery) in
            try await self.store.read { tx in try await tx.directory.list(contract, query: query) }
        }
        let middle = try await directory(DirectoryQuery(search: "5000", after: nil)).first?.person.id.rawValue
        let cases: [(String, DirectoryQuery)] = [
            ("first page", DirectoryQuery(search: nil, after: nil)),
            ("page after a cursor", DirectoryQuery(search: nil, after: middle)),
            ("search, everyone's mail domain (@seed)", DirectoryQuery(search: "@seed", after: nil)),
            ("search, full width (ｓａｔｏ)", DirectoryQuery(search: "ｓａｔｏ", after: nil)),
            ("search, a given name, 1 person in 12 (美咲)", DirectoryQuery(search: "美咲", after: nil)),
            ("search, common surname far down the list (佐藤)", DirectoryQuery(search: "佐藤", after: nil)),
            ("search, common surname at the end (高橋)", DirectoryQuery(search: "高橋", after: nil)),
            ("search, a full name, 1 person in 180 (佐藤 美咲)", DirectoryQuery(search: "佐藤 美咲", after: nil)),
            ("search, a kanji inside surnames, 1 person in 5 (藤)", DirectoryQuery(search: "藤", after: nil)),
            ("search, one name (橋 美咲 4187)", DirectoryQuery(search: "橋 美咲 4187", after: nil)),
            ("search, email part (user4242-)", DirectoryQuery(search: "user4242-", after: nil)),
            ("search, two letters, no match (qz)", DirectoryQuery(search: "qz", after: nil)),
            ("search, no match (zzzz)", DirectoryQuery(search: "zzzz", after: nil)),
        ]
        var results: [Result] = []
        for (name, query) in cases {
            var rows = try await directory(query).count
            var times: [Duration] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                rows = try await directory(query).count
                times.append(ContinuousClock.now - start)
            }
            times.sort()
            results.append(Result(
                name: name, rows: rows, p50: times[times.count / 2], p99: times[min(times.count - 1, times.count * 99 / 100)],
                plan: try await plan(contract, query)))
        }
        return results
    }

    /// The database's plan for the list's statement, or for a search's second step (its walk is the
    /// list's statement with a limit) (`EXPLAIN QUERY PLAN` / `EXPLAIN`). With `preferIndexes`,
    /// PostgreSQL is told to avoid sequential scans, which it rightly prefers on the few rows of a
    /// test: the plan then shows whether an index can serve the query.
    public func plan(_ contract: ContractID, _ query: DirectoryQuery, preferIndexes: Bool = false) async throws -> String {
        let kind = store.kind
        return try await store.backend.withTransaction { db in
            let statement = if let term = query.search.map(DirectorySearch.fold) {
                try await SQLDirectory(db: db).stepTwoQuery(contract, term: term, after: nil, limit: query.limit + 1)
            } else {
                SQLDirectory.listQuery(contract, after: nil, limit: query.limit + 1)
            }
            if kind == .postgres, preferIndexes { try await db.raw("SET LOCAL enable_seqscan = off").run() }
            let explain: SQLQueryString = kind == .sqlite ? "EXPLAIN QUERY PLAN \(statement)" : "EXPLAIN \(statement)"
            return try await db.raw(explain).all().map { row in
                row.allColumns.compactMap { try? row.decode(column: $0, as: String.self) }.joined(separator: " ")
            }.joined(separator: "\n")
        }
    }
}
