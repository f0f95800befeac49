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
    private let logger: Logger

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=…`).
    init(url: String, logger: Logger) throws {
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
        clientConfiguration.options.minimumConnections = 0
        clientConfiguration.options.maximumConnections = 20
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        // The pool works only while `run()` does; it belongs to the store's lifetime, not to a service group.
        self.runner = Task { await client.run() }
    }

    func withTransaction<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        let logger = self.logger
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await work(connection.sql())
            }
        } catch let error as PostgresTransactionError {
            // A use case's own error (a rejected ticket, a taken email) must reach the caller as itself
            // once the rollback has succeeded.
            if let closureError = error.closureError, error.rollbackError == nil { throw Self.translated(closureError) }
            throw error
        }
    }

    /// A unique violation (SQLSTATE 23505) becomes ``StoreError/conflict``, which use cases answer with
    /// a page instead of a 500.
    static func translated(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" else { return error }
        return StoreError.conflict
    }

    func withReader<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        try await client.withConnection { connection in
            try await work(connection.sql())
        }
    }

    func shutdown() async {
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
