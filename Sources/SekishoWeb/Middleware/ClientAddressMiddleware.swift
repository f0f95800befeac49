import HTTPTypes
import Hummingbird

/// Decides the request's client address (DESIGN: trust of proxies). The socket's peer, unless the
/// peer is a configured trusted proxy: then the rightmost `X-Forwarded-For` entry that is not itself
/// a trusted proxy. Anyone else's `X-Forwarded-For` is ignored, so a client cannot choose the
/// address that throttles and audit records see. Every address on the way that a trusted party
/// vouched for is kept in ``AppRequestContext/vouchedAddresses`` for the line gateway rule.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [IPAddressRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, isTrusted(context.peerAddress) else { return try await next(request, context) }
        var context = context
        context.vouchedAddresses = vouchedAddresses(forwardedFor: request.headers[values: .xForwardedFor], peer: context.peerAddress)
        context.clientAddress = context.vouchedAddresses.last ?? context.peerAddress
        return try await next(request, context)
    }

    /// The peer, then each `X-Forwarded-For` hop from the right for as long as the hop before it is a
    /// trusted proxy; the last is the client.
    func vouchedAddresses(forwardedFor headers: [String], peer: String) -> [String] {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { String($0.description.trimmingSpaces) }
        var vouched = [peer]
        for hop in hops.reversed() {
            // A malformed entry ends the chain: nothing left of it can be trusted.
            guard IPAddressRange.bytes(of: hop) != nil else { break }
            vouched.append(hop)
            if !isTrusted(hop) { break }
        }
        return vouched
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
