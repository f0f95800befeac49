public import Foundation
public import Logging
public import SekishoCore
import SQLKit

/// Where the data lives: the embedded SQLite file (default), memory (tests) or PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// `nil` or empty means the SQLite file `sekisho.sqlite` in `dataDirectory`.
    public init(url: String?, dataDirectory: String) throws {
        guard let url, !url.isEmpty else {
            self = .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("sekisho.sqlite"))
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite://") {
            self = .sqliteFile(path: String(url.dropFirst("sqlite://".count)))
        } else {
            throw DatabaseURLError.invalid
        }
    }
}

/// The ``Store`` on SQLKit. One type for both databases; the backend decides how connections and
/// transactions work.
public final class SQLStore: Store {
    public let kind: DatabaseKind
    /// The outbox as the delivery worker and the development mailbox read it.
    public let outboxQueue: any OutboxQueue
    let backend: any SQLBackend

    init(backend: any SQLBackend) {
        self.backend = backend
        self.kind = backend.kind
        self.outboxQueue = SQLOutboxQueue(backend: backend)
    }

    /// The most connections a PostgreSQL pool opens unless configured: two per core.
    public static let defaultPostgresConnections = PostgresBackend.defaultConnections

    /// Connects (creating the SQLite file and its directory when needed). Call ``migrate(now:)`` next.
    /// `connections` bounds a PostgreSQL pool.
    public static func open(
        _ location: DatabaseLocation, connections: Int = defaultPostgresConnections, logger: Logger
    ) async throws -> SQLStore {
        switch location {
        case .sqliteFile(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            return SQLStore(backend: try await SQLiteBackend.open(path: path, logger: logger))
        case .sqliteMemory:
            return SQLStore(backend: try await SQLiteBackend.open(path: nil, logger: logger))
        case .postgres(let url):
            return SQLStore(backend: try PostgresBackend(url: url, connections: connections, logger: logger))
        }
    }

    /// Applies pending migrations; returns their ids.
    @discardableResult
    public func migrate(now: Date = Date()) async throws -> [String] {
        try await Migrator(backend: backend).migrate(now: now)
    }

    public func transaction<Value: Sendable>(
        _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value {
        try await backend.withTransaction { db in try await work(SQLTransaction(db: db)) }
    }

    public func read<Value: Sendable>(
        _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value {
        try await backend.withReader { db in try await work(SQLTransaction(db: db)) }
    }

    public func ping() async throws {
        try await backend.withReader { db in _ = try await db.raw("SELECT 1 AS ok").all() }
    }

    /// Closes every connection.
    public func shutdown() async {
        await backend.shutdown()
    }
}
