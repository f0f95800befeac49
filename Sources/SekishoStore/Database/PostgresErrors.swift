import _ConnectionPoolModule
import NIOCore
import PostgresNIO
import SekishoCore

extension PostgresBackend {
    /// PostgreSQL's errors in the store's terms: a unique violation (SQLSTATE 23505) is
    /// ``StoreError/conflict``, which use cases answer with a page; a lost or refused connection is
    /// ``StoreError/unavailable``, answered with 503. Anything else is passed on as it is.
    static func translated(_ error: any Error) -> any Error {
        if sqlState(of: error) == "23505" { return StoreError.conflict }
        return isConnectionFailure(error) ? StoreError.unavailable : error
    }

    /// SQLSTATEs of a server going away besides class 08 (connection exception): 57P01–57P03, the
    /// server shutting down, crashed, or still starting up.
    private static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03"]

    /// The SQLSTATE of an error the server sent, as PostgresNIO's queries throw it (`PSQLError`) or
    /// as its older API, which the prepared statements use, does (`PostgresError`).
    static func sqlState(of error: any Error) -> String? {
        switch error {
        case let error as PSQLError: error.serverInfo?[.sqlState]
        case PostgresError.server(let message): message.fields[.sqlState]
        default: nil
        }
    }

    private static func isConnectionFailure(_ error: any Error) -> Bool {
        if let state = sqlState(of: error) { return state.hasPrefix("08") || unavailableStates.contains(state) }
        switch error {
        case StoreError.unavailable:
            return true
        case is ConnectionPoolError:
            // The pool gave up connecting (its circuit breaker) or is shutting down.
            return true
        case let error as PSQLError:
            return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed].contains(error.code)
        case PostgresError.connectionClosed, PostgresError.protocol(uncleanShutdown):
            // What the older API makes of `serverClosedConnection`, `clientClosedConnection` and
            // `uncleanShutdown`; its `connectionError` is the channel's own error, below.
            return true
        case is ChannelError, is IOError:
            return true
        default:
            return false
        }
    }

    /// PostgresNIO's older API's words for a connection that ended in the middle of a statement.
    private static let uncleanShutdown = "Unexpected connection close"
}
