import Hummingbird
import Synchronization

/// The paths and methods the router serves. Hummingbird answers a known path with an unknown method
/// as 404; the error page asks this table so that case becomes 405 with an `Allow` header. The
/// headers test walks it too, so that no route escapes the check.
final class RouteTable: Sendable {
    private let routes = Mutex<[(path: String, segments: [Substring], method: HTTPRequest.Method)]>([])

    func record(_ path: String, _ method: HTTPRequest.Method) {
        routes.withLock { $0.append((path, path.split(separator: "/"), method)) }
    }

    /// Every route, in the order registered.
    var all: [(path: String, method: HTTPRequest.Method)] {
        routes.withLock { $0.map { ($0.path, $0.method) } }
    }

    /// The methods served at `path`, empty when the path is unknown.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let requested = path.split(separator: "/")
        return routes.withLock { routes in
            routes.filter { Self.matches($0.segments, requested) }.map(\.method)
        }
    }

    private static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        pattern.count == path.count && zip(pattern, path).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}
