import Crypto
import Foundation
import Logging
import SekishoCore
import SekishoFederation
import SekishoTestSupport

/// A running test provider, the OpenID Connect client pointed at it, and the fixed clock both share.
struct OpenIDFixture {
    let server: TestOpenIDProvider
    let clock: FixedClock
    let client: OpenIDConnectProvider

    /// A fresh transaction, as the web layer would make one per sign-in attempt.
    static func transaction() -> AuthorizationTransaction {
        AuthorizationTransaction(
            state: SecretToken.generate().text, nonce: SecretToken.generate().text, codeVerifier: SecretToken.generate().text)
    }

    /// The whole round trip as a browser would drive it: authorization URL, approval at the
    /// provider (with `fault` in the token it will answer), code exchange.
    func signIn(
        subject: String = "110169484474386276334", email: String? = "taro@example.jp", fault: IDTokenFault? = nil,
        transaction: AuthorizationTransaction = OpenIDFixture.transaction()
    ) async throws -> FederatedIdentity {
        let url = try await client.authorizationURL(for: transaction)
        let approval = try server.approve(url, subject: subject, email: email, name: "山田 太郎", fault: fault)
        return try await client.identity(code: approval.code, issuerParameter: server.issuer, transaction: transaction)
    }
}

/// Runs `body` against a fresh test provider; the client's timeout and signing algorithm can vary.
func withOpenIDProvider(
    timeout: TimeInterval = 10, algorithm: TestSigningAlgorithm = .es256, _ body: (OpenIDFixture) async throws -> Void
) async throws {
    let clock = FixedClock()
    try await TestOpenIDProvider.withRunning(algorithm: algorithm, clock: clock) { server in
        let configuration = OpenIDConnectConfiguration(
            provider: .google, issuer: server.issuer, clientID: server.clientID, clientSecret: server.clientSecret,
            redirectURI: server.redirectURI, timeout: timeout)
        let client = OpenIDConnectProvider(configuration: configuration, clock: clock, logger: testLogger)
        try await body(OpenIDFixture(server: server, clock: clock, client: client))
    }
}

/// A running test provider and the Facebook client pointed at its Graph API.
struct FacebookFixture {
    let server: TestOpenIDProvider
    let client: FacebookProvider
}

func withFacebook(timeout: TimeInterval = 10, _ body: (FacebookFixture) async throws -> Void) async throws {
    try await TestOpenIDProvider.withRunning(clock: FixedClock()) { server in
        let configuration = FacebookConfiguration(
            appID: server.facebookAppID, appSecret: server.facebookAppSecret, redirectURI: server.facebookRedirectURI,
            dialogURL: server.facebookDialogURL, graphURL: server.facebookGraphURL, timeout: timeout)
        try await body(FacebookFixture(server: server, client: FacebookProvider(configuration: configuration, logger: testLogger)))
    }
}

let testLogger = Logger(label: "sekisho-federation-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// RFC 7636 S256 computed here, independently of `AuthorizationTransaction.codeChallenge`.
func independentS256(_ verifier: String) -> String {
    Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}
