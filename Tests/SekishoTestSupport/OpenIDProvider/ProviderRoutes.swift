import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// The provider a router answers for; set once the server is bound (its issuer URL contains the
/// port, which is known only then).
final class ProviderHolder: Sendable {
    private let provider = Mutex<TestOpenIDProvider?>(nil)

    func set(_ provider: TestOpenIDProvider) {
        self.provider.withLock { $0 = provider }
    }

    var current: TestOpenIDProvider? { provider.withLock { $0 } }
}

/// The HTTP face of ``TestOpenIDProvider``: each route waits out the configured delay, then lets
/// the provider answer.
struct ProviderRoutes: Sendable {
    static let maximumBody = 64 * 1024
    let holder: ProviderHolder

    func register(on router: Router<BasicRequestContext>) {
        router.get(".well-known/openid-configuration") { _, _ in
            try await answer { $0.discoveryAnswer() }
        }
        router.get("jwks") { _, _ in
            try await answer { $0.jwksAnswer() }
        }
        router.get("attacker-jwks") { _, _ in
            try await answer { $0.attackerJWKSAnswer() }
        }
        router.post("token") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: Self.maximumBody)
            return try await answer { try await $0.tokenAnswer(String(buffer: body)) }
        }
        router.get("graph/v19.0/oauth/access_token") { request, _ in
            try await answer { $0.facebookAccessTokenAnswer(request.uri.query ?? "") }
        }
        router.get("graph/v19.0/debug_token") { request, _ in
            try await answer { $0.facebookDebugTokenAnswer(request.uri.query ?? "") }
        }
        router.get("graph/v19.0/me") { request, _ in
            try await answer { $0.facebookMeAnswer(request.uri.query ?? "") }
        }
        router.get("pwned/range/:prefix") { request, context in
            try await answer { $0.rangeAnswer(prefix: context.parameters.get("prefix") ?? "", padded: request.headers[.init("Add-Padding")!] == "true") }
        }
    }

    private func answer(_ respond: (TestOpenIDProvider) async throws -> Response) async throws -> Response {
        guard let provider = holder.current else { return Response(status: .serviceUnavailable) }
        if let delay = provider.state.withLock({ $0.responseDelay }) {
            try await Task.sleep(for: delay)
        }
        return try await respond(provider)
    }
}

extension Response {
    /// A JSON answer, uncacheable like every answer of an authorization server.
    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An RFC 6749 §5.2 error answer.
    static func oauthError(_ code: String, status: HTTPResponse.Status = .badRequest) -> Response {
        json(["error": code], status: status)
    }

    /// A Graph API error answer.
    static func graphError(_ message: String, type: String = "OAuthException", code: Int = 100) -> Response {
        json(["error": ["message": message, "type": type, "code": code]], status: .badRequest)
    }
}
