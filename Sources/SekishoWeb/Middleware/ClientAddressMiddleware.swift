import HTTPTypes
import Hummingbird

/// Decides the request's client address (DESIGN: trust of proxies). The socket's peer, unless the
/// peer is a configured trusted proxy: then the rightmost `X-Forwarded-For` entry that is not itself
/// a trusted proxy. Anyone else's `X-Forwarded-For` is ignored, so a client cannot choose the
/// address that throttles and audit records see.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [IPAddressRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, isTrusted(context.peerAddress) else { return try await next(request, context) }
        var context = context
        context.clientAddress = clientAddress(forwardedFor: request.headers[values: .xForwardedFor], peer: context.peerAddress)
        return try await next(request, context)
    }

    func clientAddress(forwardedFor headers: [String], peer: String) -> String {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { String($0.description.trimmingSpaces) }
        var client = peer
        for hop in hops.reversed() {
            // A malformed entry ends the chain: nothing left of it can be trusted.
            guard IPAddressRange.bytes(of: hop) != nil else { break }
            client = hop
            if !isTrusted(hop) { break }
        }
        return client
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
