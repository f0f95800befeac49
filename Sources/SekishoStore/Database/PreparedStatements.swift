import NIOCore
import PostgresNIO
import SQLKit
import Synchronization

/// The statements each PostgreSQL connection keeps prepared: parsed and planned once per connection
/// rather than on every request. Planning the session read anew on every page took 16 % of the
/// machine under page load (docs/benchmarks.md).
///
/// Through PostgresNIO's `prepare(query:)`, which writes from the event loop, so that
/// ``OpenConnectionDatabase`` checks that the channel is open in the same step as each write. Its
/// newer `execute(_: PostgresPreparedStatement)` writes from an async function, where that check
/// cannot be made; SQL's `EXECUTE` takes no bound parameters. Only the statements that go through
/// ``SQLDatabase/preparedRows(_:)`` are kept: a fixed set written in the code.
final class PreparedStatements: Sendable {
    private let byConnection = Mutex<[ObjectIdentifier: [String: PreparedQuery]]>([:])

    /// The statement `sql` prepared on `connection`, preparing it on first use; to be called on the
    /// connection's event loop while its channel is open. A connection's statements are forgotten
    /// when it closes (a `PreparedQuery` holds its connection, so no other connection can take its
    /// identity while they are kept).
    func statement(_ sql: String, on connection: PostgresConnection) -> EventLoopFuture<PreparedQuery> {
        let id = ObjectIdentifier(connection)
        let (known, firstOfConnection) = byConnection.withLock { ($0[id]?[sql], $0[id] == nil) }
        if let known { return connection.eventLoop.makeSucceededFuture(known) }
        if firstOfConnection {
            byConnection.withLock { $0[id] = [:] }
            connection.closeFuture.whenComplete { [self] _ in byConnection.withLock { _ = $0.removeValue(forKey: id) } }
        }
        return connection.prepare(query: sql).map { [self] prepared in
            byConnection.withLock { statements in
                if statements[id] != nil { statements[id]?[sql] = prepared }
            }
            return prepared
        }
    }

    /// How many open connections have statements kept (tests).
    var connectionCount: Int { byConnection.withLock { $0.count } }
}

/// A bind of a prepared statement: PostgresNIO's prepared statements take `PostgresData`, not the
/// bindings its other queries take. The values Sekisho's prepared statements bind.
enum PreparedBind {
    struct Unsupported: Error, CustomStringConvertible {
        let type: Any.Type
        var description: String { "a prepared statement cannot bind a \(type)" }
    }

    static func data(_ value: any Encodable & Sendable) throws -> PostgresData {
        switch value {
        case let text as String: PostgresData(string: text)
        case let number as Int64: PostgresData(int64: number)
        case let number as Int: PostgresData(int64: Int64(number))
        default: throw Unsupported(type: type(of: value))
        }
    }
}

extension SQLDatabase {
    /// The rows of `query`, from a statement the connection keeps prepared where the database lets
    /// Sekisho keep one (PostgreSQL); elsewhere run as any other statement (sqlite-nio prepares every
    /// statement anew and keeps none). For the statements every signed-in page runs. Name the
    /// columns: a prepared `SELECT *` fails once a migration adds a column.
    func preparedRows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        guard let postgres = self as? OpenConnectionDatabase else { return try await raw(query).all() }
        return try await postgres.preparedRows(query)
    }
}
