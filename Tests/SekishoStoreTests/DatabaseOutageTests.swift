import Foundation
import Logging
import PostgresNIO
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// The backends' half of "the database briefly unreachable: 503, then recovery without a restart"
/// (issue 10): an outage reaches the use cases as ``StoreError/unavailable`` and nothing else, and
/// the same store serves again once the database is back. `scripts/outage` stops a real PostgreSQL.
@Suite("The database out of reach")
struct DatabaseOutageTests {
    static let quiet = Logger(label: "sekisho.test.outage", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("nothing listens where PostgreSQL should be: reads and changes end as unavailable after the wait")
    func postgresNotListening() async throws {
        let closed = ClosedLoopbackPort()
        let backend = try PostgresBackend(
            url: "postgres://sekisho@127.0.0.1:\(closed.port)/sekisho?sslmode=disable", logger: Self.quiet,
            connectionWait: .milliseconds(200))
        let store = SQLStore(backend: backend)
        await #expect(throws: StoreError.unavailable) { try await store.ping() }
        await #expect(throws: StoreError.unavailable) {
            try await store.transaction { tx in try await tx.contracts.find(ContractID.random()) }
        }
        await store.shutdown()
    }

    @Test(
        "PostgreSQL ends the connection in the middle of a transaction: unavailable, and the next request is served",
        .enabled(if: StoreKind.available.contains(.postgres)))
    func postgresConnectionEnded() async throws {
        try await withTestStores(.postgres, instances: 2) { stores in
            let (server, administrator) = (stores[0], stores[1])
            await #expect(throws: StoreError.unavailable) {
                try await server.backend.withTransaction { db in
                    let pid = try await db.postgresBackendPID()
                    // What a restart of PostgreSQL does to every connection; waits until it is gone.
                    try await administrator.terminatePostgresBackend(pid)
                    _ = try await db.raw("SELECT 1 AS one").all()
                }
            }
            var failures: [any Error] = []
            while failures.count < 5 {
                do {
                    try await server.ping()
                    break
                } catch {
                    failures.append(error)
                }
            }
            #expect(failures.count < 5, "served again without a restart")
            #expect(failures.allSatisfy { ($0 as? StoreError) == .unavailable })
        }
    }

    @Test("a request waits on while other requests still get connections (a busy pool), and gives up once none has for the wait, or after the longest wait")
    func busyPoolIsNoOutage() {
        let (wait, longest) = (Duration.seconds(5), Duration.seconds(30))
        func keepsWaiting(_ waited: Int, sinceLastLease: Double?) -> Bool {
            PostgresBackend.keepsWaiting(
                waited: .seconds(waited), sinceLastLease: sinceLastLease.map { .milliseconds(Int($0 * 1000)) }, wait: wait, longest: longest)
        }
        #expect(keepsWaiting(5, sinceLastLease: 0.2), "every connection in use, but changing hands")
        #expect(keepsWaiting(25, sinceLastLease: 4.9))
        #expect(!keepsWaiting(5, sinceLastLease: 5.1), "nobody got a connection for the whole wait: the database is out of reach")
        #expect(!keepsWaiting(5, sinceLastLease: nil), "nobody ever did")
        #expect(!keepsWaiting(30, sinceLastLease: 0.1), "an overload is shed after the longest wait")
    }

    @Test(
        "five times more requests than connections: the last wait twice the wait, yet are served, since others keep getting connections",
        .enabled(if: StoreKind.available.contains(.postgres)))
    func busyPoolServesEveryone() async throws {
        let backend = try PostgresBackend(
            url: try PostgresTestCluster.shared().createDatabase(), logger: Self.quiet, connectionWait: .seconds(1))
        let store = SQLStore(backend: backend)
        // The first connection may take longer than the wait on a loaded machine; that is the outage rule.
        for _ in 0..<5 where (try? await store.ping()) == nil {}
        let served = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<(5 * PostgresBackend.defaultConnections) {
                group.addTask { try await backend.withReader { db in try await db.raw("SELECT pg_sleep(0.3)").run() }; return 1 }
            }
            return try await group.reduce(0, +)
        }
        #expect(served == 5 * PostgresBackend.defaultConnections)
        await store.shutdown()
    }

    @Test("the pool: two connections per core unless configured, closed after 10 s idle, a keep-alive after 2 s; PostgresNIO's cancelled timers hold memory until they would have fired")
    func poolSettings() throws {
        #expect(PostgresBackend.defaultConnections == 2 * ProcessInfo.processInfo.activeProcessorCount)
        let options = PostgresBackend.poolOptions(connections: 12)
        #expect(options.minimumConnections == 0, "PostgresNIO 1.33 crashes in an outage with a minimum")
        #expect(options.maximumConnections == 12)
        #expect(options.connectionIdleTimeout <= .seconds(10))
        #expect(try #require(options.keepAliveBehavior).frequency <= .seconds(2))
    }

    @Test("another process holds SQLite's write lock past the busy timeout: unavailable, then served once it lets go")
    func sqliteLockedByAnotherProcess() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-outage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/sekisho.sqlite"
        let store = SQLStore(backend: try await SQLiteBackend.open(path: path, busyTimeout: .milliseconds(50), logger: Self.quiet))
        try await store.migrate()
        let holder = try await SQLiteBackend.open(path: path, logger: Self.quiet)
        let (locked, lockedSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let holding = Task {
            try await holder.withTransaction { _ in
                lockedSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in locked { break }
        await #expect(throws: StoreError.unavailable) {
            try await store.transaction { tx in try await tx.contracts.find(ContractID.random()) }
        }
        releaseSignal.yield()
        try await holding.value
        #expect(try await store.transaction { tx in try await tx.contracts.find(ContractID.random()) } == nil)
        await holder.shutdown()
        await store.shutdown()
    }
}

