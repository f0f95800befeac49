import Hummingbird
import Logging
import NIOCore

/// One log line per request: method, path (never the query, which may carry a ticket), status and
/// duration, tagged with the request id that error pages show.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, formatted by hand: `String(format:)` goes through Foundation per request.
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string("\(tenths / 10).\(tenths % 10)"),
        ])
        return response
    }
}
