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
/// cannot be made; SQL's `EXECUTE` takes no bound parameters. The older API (`PreparedQuery`) is
/// listed as deprecated and throws its errors as `PostgresError`, which ``PostgresBackend`` translates
/// too. Only the statements that go through ``SQLDatabase/preparedRows(_:)`` are kept: a fixed set
/// written in the code.
final class PreparedStatements: Sendable {
    private let byConnection = Mutex<[PostgresConnection.ID: [String: PreparedQuery]]>([:])

    /// The statement `sql` prepared on `connection`, preparing it on first use; to be called on the
    /// connection's event loop while its channel is open (one request at a time holds a connection,
    /// so a statement is never prepared twice at once). A connection's statements are forgotten when
    /// it closes; the pool never gives another connection the same id.
    func statement(_ sql: String, on connection: PostgresConnection) -> EventLoopFuture<PreparedQuery> {
        connection.eventLoop.assertInEventLoop()
        let id = connection.id
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

    /// Forgets `sql`'s statement on `connection` when `error` says that the server no longer has
    /// it (26000: a pooler in front ran `DISCARD ALL`) or that its plan no longer fits (0A000: a
    /// selected column changed its type), so that the next request prepares it afresh instead of
    /// every request failing until the connection closes.
    func forget(_ sql: String, on connection: PostgresConnection, after error: any Error) {
        guard let state = PostgresBackend.sqlState(of: error), Self.staleStates.contains(state) else { return }
        _ = byConnection.withLock { $0[connection.id]?.removeValue(forKey: sql) }
    }

    private static let staleStates: Set<String> = ["26000", "0A000"]

    /// How many open connections have statements kept (tests).
    var connectionCount: Int { byConnection.withLock { $0.count } }
}

/// A prepared statement's values: text only. PostgresNIO's older API prepares a statement without
/// the types of its parameters, so PostgreSQL infers each from the statement and reads the binary
/// value sent as that type: text read as text is exact, a number sent where the server inferred
/// another type would be misread without an error. Where a statement needs another type, it casts
/// text (`CAST(CAST($1 AS text) AS bigint)`); `PreparedStatementTests` checks the inferred types of
/// the statements Sekisho prepares.
enum PreparedBind {
    struct Unsupported: Error, CustomStringConvertible {
        let type: Any.Type
        var description: String { "a prepared statement binds text only, not a \(type)" }
    }

    static func data(_ value: any Encodable & Sendable) throws -> PostgresData {
        guard let text = value as? String else { throw Unsupported(type: type(of: value)) }
        return PostgresData(string: text)
    }
}

extension SQLDatabase {
    /// The rows of `query`, from a statement the connection keeps prepared where the database lets
    /// Sekisho keep one (PostgreSQL); elsewhere run as any other statement (sqlite-nio prepares every
    /// statement anew and keeps none). For the statements every signed-in page runs. Name the
    /// columns: a prepared `SELECT *` fails once a migration adds a column. Bind text only
    /// (``PreparedBind``).
    func preparedRows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        guard let postgres = self as? OpenConnectionDatabase else { return try await raw(query).all() }
        return try await postgres.preparedRows(query)
    }
}
