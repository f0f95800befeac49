import Foundation
import Logging
import PostgresNIO
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// The statements every signed-in page runs are kept prepared on PostgreSQL (``PreparedStatements``)
/// and read as any other statement on SQLite: the same rows either way, one preparation per
/// connection, nothing kept for a closed connection, and an outage still ends as unavailable.
@Suite("Prepared statements")
struct PreparedStatementTests {
    static let quiet = Logger(label: "sekisho.test.prepared", factory: { _ in SwiftLogNoOpLogHandler() })

    static func sample(_ db: any SQLDatabase, number: Int64, text: String) -> SQLQueryString {
        """
        SELECT CAST(\(bind: number) AS bigint) AS number, CAST(\(bind: text) AS text) AS text,
        CAST(NULL AS text) AS missing, CAST(NULL AS bigint) AS no_number
        """
    }

    @Test("text, numbers and nulls read back as bound, on each database", arguments: StoreKind.available)
    func rowsReadAsBound(_ kind: StoreKind) async throws {
        try await withTestStore(kind) { store in
            try await store.backend.withReader { db in
                for (number, text) in [(Int64(42), "佐藤 美咲"), (-1, "it's"), (Int64.max, "")] {
                    let rows = try await db.preparedRows(Self.sample(db, number: number, text: text))
                    #expect(rows.count == 1)
                    let row = try #require(rows.first)
                    #expect(try row.integer("number") == number)
                    #expect(try row.text("text") == text)
                    #expect(try row.optionalText("text") == text)
                    #expect(try row.decode(column: "number", as: Int64?.self) == number)
                    #expect(try row.optionalText("missing") == nil)
                    #expect(try row.decode(column: "no_number", as: Int64?.self) == nil)
                    #expect(try row.decodeNil(column: "missing"))
                    #expect(row.contains(column: "text") && !row.contains(column: "absent"))
                    #expect(throws: (any Error).self) { try row.text("absent") }
                }
            }
        }
    }

    @Test("PostgreSQL prepares a statement once per connection, and each text once",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func preparedOncePerConnection() async throws {
        let backend = try PostgresBackend(url: try PostgresTestCluster.shared().createDatabase(), connections: 1, logger: Self.quiet)
        defer { Task { await backend.shutdown() } }
        let counts = try await backend.withReader { db in
            var counts: [Int] = []
            for (number, text) in [(Int64(1), "a"), (2, "b"), (3, "c")] {
                _ = try await db.preparedRows(Self.sample(db, number: number, text: text))
                counts.append(try await Self.preparedCount(db))
            }
            _ = try await db.preparedRows("SELECT CAST(\(bind: "x") AS text) AS other")
            counts.append(try await Self.preparedCount(db))
            return counts
        }
        #expect(counts == [1, 1, 1, 2])
        let again = try await backend.withReader { db in
            let rows = try await db.preparedRows(Self.sample(db, number: 7, text: "pooled"))
            return (try rows.first?.integer("number"), try await Self.preparedCount(db))
        }
        #expect(again.0 == 7 && again.1 == 2, "the pool's one connection kept its statements")
        #expect(backend.statements.connectionCount == 1)
        await backend.shutdown()
    }

    static func preparedCount(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT count(*) AS n FROM pg_prepared_statements").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    @Test("a connection PostgreSQL ends is forgotten with its statements; the next one prepares its own",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func closedConnectionForgotten() async throws {
        try await withTestStores(.postgres, instances: 2) { stores in
            let (server, administrator) = (stores[0], stores[1])
            let backend = try #require(server.backend as? PostgresBackend)
            let pid = try await backend.withReader { db in
                _ = try await db.preparedRows(Self.sample(db, number: 1, text: "before"))
                return try await db.raw("SELECT pg_backend_pid() AS pid").first(decodingColumn: "pid", as: Int.self) ?? 0
            }
            #expect(backend.statements.connectionCount == 1)
            _ = try await administrator.backend.withReader { admin in
                try await admin.raw("SELECT pg_terminate_backend(CAST(\(bind: pid) AS integer), 5000)").run()
            }
            var read: Int64?
            for _ in 0..<5 where read == nil {
                read = try? await backend.withReader { db in
                    try await db.preparedRows(Self.sample(db, number: 2, text: "after")).first?.integer("number")
                }
            }
            #expect(read == 2, "served again, the statement prepared on the new connection")
            #expect(backend.statements.connectionCount == 1, "the ended connection's entry is gone")
        }
    }

    @Test("PostgreSQL ends the connection before a prepared statement runs: unavailable, not a wait without end",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func endedBeforeThePreparedStatement() async throws {
        try await withTestStores(.postgres, instances: 2) { stores in
            let (server, administrator) = (stores[0], stores[1])
            await #expect(throws: StoreError.unavailable) {
                try await server.backend.withReader { db in
                    let pid = try await db.raw("SELECT pg_backend_pid() AS pid").first(decodingColumn: "pid", as: Int.self) ?? 0
                    _ = try await administrator.backend.withReader { admin in
                        try await admin.raw("SELECT pg_terminate_backend(CAST(\(bind: pid) AS integer), 5000)").run()
                    }
                    _ = try await db.preparedRows(Self.sample(db, number: 1, text: "x"))
                }
            }
        }
    }

    @Test("a value of a type no prepared statement binds is refused before anything is sent")
    func unsupportedBind() throws {
        #expect(throws: PreparedBind.Unsupported.self) { try PreparedBind.data(2.5) }
        #expect(try PreparedBind.data("text").string == "text")
        #expect(try PreparedBind.data(Int64(5)).int64 == 5)
        #expect(try PreparedBind.data(5).int64 == 5)
    }
}
