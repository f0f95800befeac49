import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SekishoCore
import SQLKit

/// A pooled connection as SQLKit sees it (`connection.sql()`), with one check more: each statement
/// is handed to the connection on its event loop, and only while its channel is open.
///
/// PostgresNIO writes a statement to its channel without watching the write. When the server has
/// ended the connection between two statements of one request (PostgreSQL stopped or restarted),
/// the write fails unseen and the statement waits forever. On the event loop the close cannot slip
/// in between the check and the write, so the statement either reaches the connection, which then
/// fails it properly when it closes, or is refused here as ``StoreError/unavailable``.
struct OpenConnectionDatabase: SQLDatabase {
    let connection: PostgresConnection
    private let base: any SQLDatabase
    private let statements: PreparedStatements

    init(_ connection: PostgresConnection, statements: PreparedStatements) {
        self.connection = connection
        self.base = connection.sql()
        self.statements = statements
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let base = self.base
        return connection.eventLoop.flatSubmit { [connection] in
            Self.whileOpen(connection) { base.execute(sql: query, onRow) }
        }
    }

    /// `write`'s future, or ``StoreError/unavailable`` without calling it once the channel is closed;
    /// on the connection's event loop, so that the channel cannot close between the check and the write.
    private static func whileOpen<Value>(_ connection: PostgresConnection, _ write: () -> EventLoopFuture<Value>) -> EventLoopFuture<Value> {
        connection.eventLoop.assertInEventLoop()
        guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(StoreError.unavailable) }
        return write()
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    /// `query`'s rows from the connection's prepared statement of it (``PreparedStatements``), with
    /// the same check before each write: before the statement is prepared, and again before it runs.
    func preparedRows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        let (sql, binds) = base.serialize(query)
        let values = try binds.map(PreparedBind.data)
        let (connection, statements) = (self.connection, self.statements)
        return try await connection.eventLoop.flatSubmit {
            Self.whileOpen(connection) { statements.statement(sql, on: connection) }.flatMap { prepared in
                Self.whileOpen(connection) { prepared.execute(values) }
            }.flatMapErrorThrowing { error in
                statements.forget(sql, on: connection, after: error)
                throw error
            }
        }.get().map { PreparedRow($0) as any SQLRow }
    }
}
