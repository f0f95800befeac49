import _ConnectionPoolModule
import PostgresNIO
import SekishoCore

extension PostgresBackend {
    /// PostgreSQL's errors in the store's terms: a unique violation (SQLSTATE 23505) is
    /// ``StoreError/conflict``, which use cases answer with a page; a lost or refused connection is
    /// ``StoreError/unavailable``, answered with 503. Anything else is passed on as it is.
    static func translated(_ error: any Error) -> any Error {
        if let error = error as? PSQLError, error.serverInfo?[.sqlState] == "23505" { return StoreError.conflict }
        return isConnectionFailure(error) ? StoreError.unavailable : error
    }

    /// SQLSTATEs of a server going away besides class 08 (connection exception): 57P01–57P03, the
    /// server shutting down, crashed, or still starting up.
    private static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03"]

    private static func isConnectionFailure(_ error: any Error) -> Bool {
        switch error {
        case StoreError.unavailable:
            return true
        case is ConnectionPoolError:
            // The pool gave up connecting (its circuit breaker) or is shutting down.
            return true
        case let error as PSQLError:
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("08") || unavailableStates.contains(state)
            default:
                return false
            }
        default:
            return false
        }
    }
}
