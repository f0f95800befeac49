import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SekishoCore
import SQLKit

/// PostgreSQL through PostgresNIO's `PostgresClient` pool, for deployments with several instances.
final class PostgresBackend: SQLBackend {
    let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let watch = LeaseWatch()
    private let watcher: Task<Void, Never>

    /// How long a request waits for a connection while no other request gets one either. While
    /// PostgreSQL is down the pool keeps trying to connect and would hold every request for up to a
    /// minute (until its circuit breaker trips); after this wait the visitor gets the 503 page
    /// instead, and the pool's next successful connection serves requests again without a restart.
    static let defaultConnectionWait: Duration = .seconds(5)
    /// How long a request waits at most while the pool is busy but serving (every connection in use,
    /// other requests getting theirs): a burst waits its turn, an overload is shed.
    static let longestConnectionWait: Duration = .seconds(30)

    /// Connections per instance, at most.
    static let connections = 20
    /// How long a connection lies idle before the pool sends it a keep-alive query (see `init`).
    static let keepAliveFrequency: Duration = .seconds(2)

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=…`). A server keeps
    /// its connections open (`keepsConnectionsOpen`); a command or a test opens them on demand.
    init(url: String, logger: Logger, connectionWait: Duration = defaultConnectionWait, keepsConnectionsOpen: Bool = false) throws {
        guard let configuration = try? SQLPostgresConfiguration(url: url) else {
            throw DatabaseURLError.invalid
        }
        let core = configuration.coreConfiguration
        guard let host = core.host, let port = core.port else { throw DatabaseURLError.invalid }
        let tls: PostgresClient.Configuration.TLS =
            switch (core.tls.isEnforced, core.tls.isAllowed) {
            case (true, _): .require(core.tls.sslContext?.configuration ?? .makeClientConfiguration())
            case (_, true): .prefer(core.tls.sslContext?.configuration ?? .makeClientConfiguration())
            default: .disable
            }
        var clientConfiguration = PostgresClient.Configuration(
            host: host, port: port, username: core.username, password: core.password,
            database: core.database, tls: tls)
        // PostgresNIO's pool arms timers each time a connection falls idle (one to close a connection
        // beyond the minimum after a minute, one to send a keep-alive query), and a timer cancelled
        // because the connection was leased again keeps its memory until its deadline: under load
        // about 1 KB a request for up to a minute (35 MB per 30,000 requests, docs/benchmarks.md).
        // So a server keeps all its connections open (no idle timers) and keep-alive timers are
        // short: what they hold stays near 10 MB at 2,000 pages a second (about 20 MB at 5 s).
        clientConfiguration.options = Self.poolOptions(keepsConnectionsOpen: keepsConnectionsOpen)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        // The pool works only while `run()` does; it belongs to the store's lifetime, not to a service group.
        self.runner = Task { await client.run() }
        let watch = self.watch
        self.watcher = Task { await watch.run(wait: connectionWait, longest: Self.longestConnectionWait) }
    }

    /// The pool's settings (see `init`).
    static func poolOptions(keepsConnectionsOpen: Bool) -> PostgresClient.Configuration.Options {
        var options = PostgresClient.Configuration.Options()
        options.minimumConnections = keepsConnectionsOpen ? connections : 0
        options.maximumConnections = connections
        options.keepAliveBehavior = .init(frequency: keepAliveFrequency)
        return options
    }

    /// BEGIN, `work`, COMMIT, through ``OpenConnectionDatabase`` (PostgresNIO's own `withTransaction`
    /// sends BEGIN, COMMIT and ROLLBACK past it). A connection whose ROLLBACK failed is closed rather
    /// than handed back to the pool in the middle of a transaction.
    func withTransaction<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        try await withConnection { db in
            try await db.raw("BEGIN").run()
            do {
                let value = try await work(db)
                try await db.raw("COMMIT").run()
                return value
            } catch {
                do { try await db.raw("ROLLBACK").run() } catch { try? await db.connection.close() }
                throw error
            }
        }
    }

    func withReader<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        try await withConnection { db in try await work(db) }
    }

    /// Runs `work` on a pooled connection; a connection lost on the way becomes
    /// ``StoreError/unavailable``. The wait for a connection ends in ``StoreError/unavailable`` once no
    /// request has got one for the connection wait (the database is out of reach), or after
    /// ``longestConnectionWait`` in all (``LeaseWatch`` ends the waits). Only the wait is bounded: a
    /// query that has started runs to its end, so `work` either ran on a connection or never started.
    private func withConnection<Value: Sendable>(
        _ work: @Sendable (OpenConnectionDatabase) async throws -> Value
    ) async throws -> Value {
        let (client, watch) = (self.client, self.watch)
        let race = LeaseRace()
        watch.begin(race)
        defer { watch.end(race) }
        do {
            return try await withoutActuallyEscaping(work) { work in
                try await withThrowingTaskGroup(of: Value?.self) { group in
                    group.addTask {
                        try await client.withConnection { connection in
                            guard race.settle(.leased) else { throw StoreError.unavailable }
                            watch.leased()
                            return try await work(OpenConnectionDatabase(connection))
                        }
                    }
                    group.addTask {
                        try await race.settlement()
                        return nil
                    }
                    while let result = try await group.next() {
                        if let value = result {
                            group.cancelAll()
                            return value
                        }
                    }
                    throw StoreError.unavailable
                }
            }
        } catch {
            throw Self.translated(error)
        }
    }

    /// Whether a request that has waited `waited` for a connection waits on: only while other requests
    /// still get connections (the last one `sinceLastLease` ago, `nil` if none ever did) and the
    /// longest wait is not reached.
    static func keepsWaiting(waited: Duration, sinceLastLease: Duration?, wait: Duration, longest: Duration) -> Bool {
        guard let sinceLastLease, sinceLastLease <= wait else { return false }
        return waited < longest
    }

    func shutdown() async {
        watcher.cancel()
        runner.cancel()
        await runner.value
    }
}

/// The database URL names something Sekisho cannot connect to.
public enum DatabaseURLError: Error, CustomStringConvertible {
    case invalid

    public var description: String {
        "the database URL must look like postgres://user:password@host:5432/database"
    }
}
