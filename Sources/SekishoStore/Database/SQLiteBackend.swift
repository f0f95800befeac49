import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SekishoCore

/// The embedded database: one file in WAL mode, one writer connection whose transactions are
/// serialised by an ``AsyncGate``, and reader connections that see committed data without waiting
/// for the writer. An in-memory database (tests) has no readers: everything goes through the gate.
///
/// The connections run their blocking calls on threads of their own, one per connection, not on
/// NIO's shared pool: a writer waiting for the file lock (busy timeout) blocks its thread, and on the
/// shared pool it could block the very thread that another store's writer needed to commit and free
/// the lock (two stores in one process, seen as "database is locked" under load). One thread per
/// connection also keeps a connection's statements one after another (a pool shared by all of them
/// could run two statements of one reader at once, and one started beside a running one reads in the
/// running one's older snapshot; seen once as a session served just after the route switch committed). One thread per
/// connection also keeps a connection's statements one after another: a statement started while
/// another still runs on the same connection would read in that one's older snapshot.
final class SQLiteBackend: SQLBackend {
    let kind = DatabaseKind.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let threads: [NIOThreadPool]
    private let gate = AsyncGate()
    private let nextReader = ManagedCounter()
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], threads: [NIOThreadPool], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.threads = threads
        self.logger = logger
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is `nil`.
    /// `busyTimeout` is how long a connection waits for a lock another process holds (the
    /// `contract create` command beside a running server) before the store answers unavailable.
    static func open(
        path: String?, readerCount: Int = 2, busyTimeout: Duration = .seconds(10), logger: Logger
    ) async throws -> SQLiteBackend {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        var threads: [NIOThreadPool] = []
        let open = {
            let thread = NIOThreadPool(numberOfThreads: 1)
            thread.start()
            threads.append(thread)
            return try await SQLiteConnection.open(
                storage: storage, threadPool: thread, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        }
        let writer = try await open()
        if path != nil {
            // WAL lets readers run beside the writer; NORMAL is durable against a killed process.
            _ = try await writer.sql().raw("PRAGMA journal_mode = WAL").all()
            try await writer.sql().raw("PRAGMA synchronous = NORMAL").run()
        }
        try await Self.configure(writer, readOnly: false, busyTimeout: busyTimeout)
        var readers: [SQLiteConnection] = []
        if path != nil {
            for _ in 0..<readerCount {
                let reader = try await open()
                try await Self.configure(reader, readOnly: true, busyTimeout: busyTimeout)
                readers.append(reader)
            }
        }
        return SQLiteBackend(writer: writer, readers: readers, threads: threads, logger: logger)
    }

    private static func configure(_ connection: SQLiteConnection, readOnly: Bool, busyTimeout: Duration) async throws {
        let db = connection.sql()
        let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        _ = try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(milliseconds))").all()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        if readOnly { try await db.raw("PRAGMA query_only = ON").run() }
        for function in SQLiteSearchGrams.functions { try await connection.install(customFunction: function) }
    }

    func withTransaction<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        let db = writer.sql()
        return try await gate.withGate {
            // IMMEDIATE takes the write lock now, so two processes never deadlock upgrading a read.
            do { try await db.raw("BEGIN IMMEDIATE").run() } catch { throw Self.translated(error) }
            do {
                let value = try await work(db)
                try await db.raw("COMMIT").run()
                return value
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw Self.translated(error)
            }
        }
    }

    /// A unique violation becomes ``StoreError/conflict``, as on PostgreSQL; the file still locked by
    /// another process after the busy timeout becomes ``StoreError/unavailable`` (503, try again).
    static func translated(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        if [.busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked].contains(error.reason) { return StoreError.unavailable }
        guard [.constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraint].contains(error.reason),
              error.message.contains("UNIQUE")
        else { return error }
        return StoreError.conflict
    }

    func withReader<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        guard !readers.isEmpty else {
            let db = writer.sql()
            return try await gate.withGate { try await work(db) }
        }
        do {
            return try await work(readers[nextReader.next() % readers.count].sql())
        } catch {
            throw Self.translated(error)
        }
    }

    func shutdown() async {
        for connection in readers + [writer] {
            do { try await connection.close() } catch { logger.warning("closing SQLite failed: \(error)") }
        }
        for thread in threads {
            do { try await thread.shutdownGracefully() } catch { logger.warning("stopping SQLite's threads failed: \(error)") }
        }
    }
}
