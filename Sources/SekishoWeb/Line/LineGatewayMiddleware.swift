import HTTPTypes
import Hummingbird
import Logging

/// Sets the request's ``AppRequestContext/arrival`` by the gateway rule (``LineGateway``) and takes
/// the line headers off the request, so nothing after it can read a header it should not believe.
/// Headers that were not believed are logged without their value.
struct LineGatewayMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let gateway: LineGateway?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let gateway else { return try await next(stripped(request, names: Self.defaultNames), context) }
        let verdict = gateway.verdict(authority: request.head.authority, vouched: context.vouchedAddresses, headers: request.headers)
        if let ignored = verdict.ignored {
            context.logger.notice("line headers ignored", metadata: ["reason": .string(ignored), "peer": .string(context.peerAddress)])
        }
        var context = context
        context.arrival = verdict.arrival
        return try await next(stripped(request, names: [gateway.numberHeader, gateway.areaHeader]), context)
    }

    /// Without a line entrance configured, the default names are still taken off.
    private static let defaultNames = [HTTPField.Name("X-Line-Number")!, HTTPField.Name("X-Line-Area")!]

    private func stripped(_ request: Request, names: [HTTPField.Name]) -> Request {
        guard names.contains(where: { request.headers[$0] != nil }) else { return request }
        var head = request.head
        for name in names { head.headerFields[name] = nil }
        return Request(head: head, body: request.body)
    }
}
