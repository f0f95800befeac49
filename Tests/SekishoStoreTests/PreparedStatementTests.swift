import Foundation
import Logging
import NIOCore
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

    static func sample(number: Int64, text: String) -> SQLQueryString {
        """
        SELECT CAST(CAST(\(bind: String(number)) AS text) AS bigint) AS number, CAST(\(bind: text) AS text) AS text,
        CAST(NULL AS text) AS missing, CAST(NULL AS bigint) AS no_number
        """
    }

    @Test("text, numbers and nulls read back as bound, on each database", arguments: StoreKind.available)
    func rowsReadAsBound(_ kind: StoreKind) async throws {
        try await withTestStore(kind) { store in
            try await store.backend.withReader { db in
                for (number, text) in [(Int64(42), "佐藤 美咲"), (-1, "it's"), (Int64.max, "")] {
                    let rows = try await db.preparedRows(Self.sample(number: number, text: text))
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
        let counts = try await backend.withReader { db in
            var counts: [Int] = []
            for (number, text) in [(Int64(1), "a"), (2, "b"), (3, "c")] {
                _ = try await db.preparedRows(Self.sample(number: number, text: text))
                counts.append(try await Self.preparedCount(db))
            }
            _ = try await db.preparedRows("SELECT CAST(\(bind: "x") AS text) AS other")
            counts.append(try await Self.preparedCount(db))
            return counts
        }
        #expect(counts == [1, 1, 1, 2])
        let again = try await backend.withReader { db in
            let rows = try await db.preparedRows(Self.sample(number: 7, text: "pooled"))
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
                _ = try await db.preparedRows(Self.sample(number: 1, text: "before"))
                return try await db.postgresBackendPID()
            }
            #expect(backend.statements.connectionCount == 1)
            try await administrator.terminatePostgresBackend(pid)
            var (read, failures): (Int64?, [any Error]) = (nil, [])
            while read == nil, failures.count < 5 {
                do {
                    read = try await backend.withReader { db in
                        try await db.preparedRows(Self.sample(number: 2, text: "after")).first?.integer("number")
                    }
                } catch {
                    failures.append(error)
                }
            }
            #expect(read == 2, "served again, the statement prepared on the new connection")
            #expect(failures.allSatisfy { ($0 as? StoreError) == .unavailable }, "\(failures)")
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
                    let pid = try await db.postgresBackendPID()
                    try await administrator.terminatePostgresBackend(pid)
                    _ = try await db.preparedRows(Self.sample(number: 1, text: "x"))
                }
            }
        }
    }

    @Test("PostgreSQL ends the connection while a prepared statement runs: unavailable",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func endedWhileThePreparedStatementRuns() async throws {
        try await withTestStores(.postgres, instances: 2) { stores in
            let (server, administrator) = (stores[0], stores[1])
            let (pids, pidSink) = AsyncStream.makeStream(of: Int.self)
            async let read: Void = server.backend.withReader { db in
                pidSink.yield(try await db.postgresBackendPID())
                _ = try await db.preparedRows("SELECT pg_sleep(CAST(CAST(\(bind: "30") AS text) AS double precision)) AS slept")
            }
            var iterator = pids.makeAsyncIterator()
            let pid = try #require(await iterator.next())
            try await administrator.backend.withReader { admin in
                // Waits until the statement runs (no sleep: the activity view answers at once), then ends it.
                while try await admin.raw("""
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE pid = CAST(\(bind: pid) AS integer) AND state = 'active' AND query LIKE 'SELECT pg_sleep%'
                    """).first(decodingColumn: "n", as: Int.self) != 1 {}
            }
            try await administrator.terminatePostgresBackend(pid)
            let outcome: (any Error)?
            do {
                try await read
                outcome = nil
            } catch {
                outcome = error
            }
            #expect((outcome as? StoreError) == .unavailable, "\(String(describing: outcome))")
        }
    }

    @Test("a statement the server no longer has fails once, and the next request prepares it afresh",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func statementGoneIsPreparedAgain() async throws {
        let backend = try PostgresBackend(url: try PostgresTestCluster.shared().createDatabase(), connections: 1, logger: Self.quiet)
        let outcomes = try await backend.withReader { db in
            _ = try await db.preparedRows(Self.sample(number: 1, text: "kept"))
            // What a pooler in front does between two clients.
            try await db.raw("DEALLOCATE ALL").run()
            let failure: (any Error)?
            do {
                _ = try await db.preparedRows(Self.sample(number: 2, text: "gone"))
                failure = nil
            } catch {
                failure = error
            }
            let again = try await db.preparedRows(Self.sample(number: 3, text: "again")).first?.integer("number")
            return (failure.flatMap(PostgresBackend.sqlState(of:)), again)
        }
        #expect(outcomes.0 == "26000")
        #expect(outcomes.1 == 3)
        await backend.shutdown()
    }

    @Test("the errors PostgresNIO's older API throws for a lost connection are unavailable; others pass")
    func olderAPIErrors() {
        for lost: any Error in [PostgresError.connectionClosed, PostgresError.protocol("Unexpected connection close"),
                                ChannelError.ioOnClosedChannel, IOError(errnoCode: ECONNRESET, reason: "read")] {
            #expect((PostgresBackend.translated(lost) as? StoreError) == .unavailable, "\(lost)")
        }
        let other = PostgresBackend.translated(PostgresError.protocol("Unexpected message: x"))
        #expect((other as? StoreError) == nil)
    }

    @Test("a value other than text is refused before anything is sent: the server would read it as the type it inferred")
    func onlyTextBinds() throws {
        #expect(throws: PreparedBind.Unsupported.self) { try PreparedBind.data(Int64(5)) }
        #expect(throws: PreparedBind.Unsupported.self) { try PreparedBind.data(2.5) }
        #expect(try PreparedBind.data("テキスト").string == "テキスト")
    }

    @Test("the statements a signed-in page prepares take text where PostgreSQL infers text",
          .enabled(if: StoreKind.available.contains(.postgres)))
    func pageStatementsTakeText() async throws {
        let backend = try PostgresBackend(url: try PostgresTestCluster.shared().createDatabase(), connections: 1, logger: Self.quiet)
        let store = SQLStore(backend: backend)
        try await store.migrate()
        try await store.read { tx in
            _ = try await tx.sessions.findWithAccount(TokenDigest(hex: String(repeating: "ab", count: 32)))
            _ = try await tx.rememberedBrowsers.list(for: PersonID(rawValue: "nobody"))
        }
        let prepared = try await backend.withReader { db in
            try await db.raw("SELECT statement, CAST(parameter_types AS text) AS types FROM pg_prepared_statements").all()
                .map { (try $0.text("statement"), try $0.text("types")) }
        }
        #expect(prepared.count == 2)
        for (statement, types) in prepared {
            #expect(types == "{text}", "\(statement)")
        }
        await store.shutdown()
    }
}
