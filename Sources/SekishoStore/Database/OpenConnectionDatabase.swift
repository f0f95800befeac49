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

    init(_ connection: PostgresConnection) {
        self.connection = connection
        self.base = connection.sql()
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let (connection, base) = (self.connection, self.base)
        return connection.eventLoop.flatSubmit {
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(StoreError.unavailable) }
            return base.execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }
}
