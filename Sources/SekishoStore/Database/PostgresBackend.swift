import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SekishoCore
import SQLKit
import Synchronization

/// PostgreSQL through PostgresNIO's `PostgresClient` pool, for deployments with several instances.
final class PostgresBackend: SQLBackend {
    let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let connectionWait: Duration
    private let progress = LeaseProgress()
    let statements = PreparedStatements()

    /// How long a request waits for a connection while no other request gets one either. While
    /// PostgreSQL is down the pool keeps trying to connect and would hold every request for up to a
    /// minute (until its circuit breaker trips); after this wait the visitor gets the 503 page
    /// instead, and the pool's next successful connection serves requests again without a restart.
    static let defaultConnectionWait: Duration = .seconds(5)
    /// How long a request waits at most while the pool is busy but serving (every connection in use,
    /// other requests getting theirs): a burst waits its turn, an overload is shed.
    static let longestConnectionWait: Duration = .seconds(30)

    /// Connections per instance, at most, unless configured (`database.pool-size`): two per core.
    /// Under load every connection then has a request waiting for it when it is handed back, so the
    /// pool arms no idle timers (see `init`); a database far away (milliseconds per round trip) may
    /// need more to keep the cores busy.
    static let defaultConnections = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// How long a connection lies idle before the pool sends it a keep-alive query (see `init`).
    static let keepAliveFrequency: Duration = .seconds(2)
    /// How long a connection lies idle before the pool closes it (see `init`).
    static let idleTimeout: Duration = .seconds(10)

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=…`).
    init(url: String, connections: Int = defaultConnections, logger: Logger, connectionWait: Duration = defaultConnectionWait) throws {
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
        // PostgresNIO's pool arms two timers each time a connection is handed back with no request
        // waiting (to close it when it stays idle, to send a keep-alive query), and a timer cancelled
        // because the connection was leased again keeps its memory until its deadline: with the
        // defaults (60 s, 30 s) about 1 KB a request for up to a minute under load (docs/benchmarks.md).
        // Hence a pool small enough to stay busy under load and short timers. Keeping connections
        // open (a minimum) would arm none, but PostgresNIO 1.33 then crashes in an outage
        // (`createNewDemandConnectionIfPossible`'s precondition), and without keep-alive its pool
        // fails requests under load.
        clientConfiguration.options = Self.poolOptions(connections: connections)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        // The pool works only while `run()` does; it belongs to the store's lifetime, not to a service group.
        self.runner = Task { await client.run() }
        self.connectionWait = connectionWait
    }

    /// The pool's settings (see `init`).
    static func poolOptions(connections: Int) -> PostgresClient.Configuration.Options {
        var options = PostgresClient.Configuration.Options()
        options.minimumConnections = 0
        options.maximumConnections = connections
        options.connectionIdleTimeout = idleTimeout
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
    /// request has got one for ``connectionWait`` (the database is out of reach), or after
    /// ``longestConnectionWait`` in all. Only the wait is bounded: a query that has started runs to
    /// its end, so `work` either ran on a connection or never started.
    private func withConnection<Value: Sendable>(
        _ work: @Sendable (OpenConnectionDatabase) async throws -> Value
    ) async throws -> Value {
        let (client, wait, progress, statements) = (self.client, connectionWait, self.progress, self.statements)
        let lease = LeaseRace()
        do {
            return try await withoutActuallyEscaping(work) { work in
                try await withThrowingTaskGroup(of: Value?.self) { group in
                    group.addTask {
                        try await client.withConnection { connection in
                            guard lease.settle(.leased) else { throw StoreError.unavailable }
                            progress.mark()
                            return try await work(OpenConnectionDatabase(connection, statements: statements))
                        }
                    }
                    group.addTask {
                        var waited = Duration.zero
                        repeat {
                            try await TimerSleep.sleep(for: wait)
                            waited += wait
                        } while !lease.isSettled
                            && Self.keepsWaiting(waited: waited, sinceLastLease: progress.sinceLast, wait: wait, longest: Self.longestConnectionWait)
                        if lease.settle(.timedOut) { throw StoreError.unavailable }
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
        runner.cancel()
        await runner.value
    }
}

/// Who won the race between a connection and the end of the wait: exactly one of them settles it,
/// so `work` never starts once the caller has been told the database is unavailable.
private final class LeaseRace: Sendable {
    enum Outcome { case waiting, leased, timedOut }
    private let outcome = Mutex(Outcome.waiting)

    /// Settles the race as `winner` unless it is settled already; true when this call settled it.
    func settle(_ winner: Outcome) -> Bool {
        outcome.withLock { outcome in
            guard outcome == .waiting else { return false }
            outcome = winner
            return true
        }
    }

    var isSettled: Bool { outcome.withLock { $0 != .waiting } }
}

/// When a request of this backend last got a connection: a pool whose connections are all in use
/// but still changing hands is busy, not down.
private final class LeaseProgress: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    func mark() {
        let now = ContinuousClock.now
        last.withLock { $0 = now }
    }

    /// How long ago a request last got a connection; `nil` if none ever did.
    var sinceLast: Duration? {
        last.withLock { $0 }.map { ContinuousClock.now - $0 }
    }
}

/// The database URL names something Sekisho cannot connect to.
public enum DatabaseURLError: Error, CustomStringConvertible {
    case invalid

    public var description: String {
        "the database URL must look like postgres://user:password@host:5432/database"
    }
}
