public import AsyncHTTPClient
import Foundation
public import Logging
public import SekishoCore

/// Sign-in with an OpenID Connect provider (Google): authorization code flow with `state`, `nonce`
/// and PKCE S256, `client_secret_post` at the token endpoint, and full ID token validation
/// (OIDC Core §3.1.3.7, see ``IDTokenValidator``).
///
/// Endpoints come from the provider's discovery document, fetched once and cached; signing keys from
/// its JWKS, cached with rotation handled (see ``JWKSCache``). Every failure is a
/// ``FederationFailure``; tokens, codes and secrets are never logged.
public struct OpenIDConnectProvider: IdentityProvider {
    public let configuration: OpenIDConnectConfiguration
    private let http: ProviderHTTP
    private let discovery: DiscoveryCache
    private let validator: IDTokenValidator
    private let logger: Logger

    /// - Parameter httpClient: the client for every request to the provider; the default,
    ///   ``HTTPClient/federation``, never follows a redirect.
    public init(
        configuration: OpenIDConnectConfiguration, clock: any WallClock, httpClient: HTTPClient = .federation, logger: Logger
    ) {
        var logger = logger
        logger[metadataKey: "provider"] = "\(configuration.provider.rawValue)"
        let http = ProviderHTTP(client: httpClient, timeout: configuration.timeout)
        self.configuration = configuration
        self.http = http
        self.logger = logger
        self.discovery = DiscoveryCache(configuration: configuration, http: http, logger: logger)
        self.validator = IDTokenValidator(
            issuer: configuration.issuer, issuerAliases: configuration.issuerAliases, clientID: configuration.clientID,
            keys: JWKSCache(http: http, clock: clock, logger: logger), clock: clock)
    }

    public var provider: FederationProvider { configuration.provider }

    public func authorizationURL(for transaction: AuthorizationTransaction) async throws -> String {
        guard configuration.isConfigured else { throw FederationFailure.notConfigured }
        let document = try await logged { () async throws(FederationFailure) in try await discovery.current() }
        var parameters = [
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("redirect_uri", configuration.redirectURI(for: transaction)),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("state", transaction.state),
            ("nonce", transaction.nonce),
            ("code_challenge", transaction.codeChallenge),
            ("code_challenge_method", "S256"),
        ]
        if let maxAge = transaction.maxAuthenticationAge { parameters.append(("max_age", String(Int(maxAge)))) }
        return FormEncoding.url(document.authorizationEndpoint, parameters)
    }

    public func identity(code: String, issuerParameter: String?, transaction: AuthorizationTransaction) async throws -> FederatedIdentity {
        guard configuration.isConfigured else { throw FederationFailure.notConfigured }
        return try await logged { () async throws(FederationFailure) in
            // RFC 9207: a callback that names another issuer came from a mixed-up flow; its code is
            // never sent anywhere.
            if let issuerParameter, issuerParameter != configuration.issuer {
                throw .invalidResponse("iss parameter")
            }
            guard !code.isEmpty else { throw .invalidResponse("empty code") }
            let document = try await discovery.current()
            let idToken = try await exchange(
                code: code, verifier: transaction.codeVerifier, redirectURI: configuration.redirectURI(for: transaction),
                at: document.tokenEndpoint)
            let claims = try await validator.validate(
                idToken, nonce: transaction.nonce, maxAuthenticationAge: transaction.maxAuthenticationAge, jwksURI: document.jwksURI)
            return identity(from: claims)
        }
    }

    /// The token request of RFC 6749 §4.1.3 with the PKCE verifier (RFC 7636 §4.5); only the ID
    /// token of the answer is used (the access token is not needed and not kept).
    private func exchange(
        code: String, verifier: String, redirectURI: String, at endpoint: String
    ) async throws(FederationFailure) -> String {
        let answer = try await http.postForm(endpoint, [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirectURI),
            ("code_verifier", verifier),
            ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret),
        ])
        guard answer.isSuccess else { throw .invalidResponse("token endpoint \(answer.status)") }
        let json = try answer.json("token answer")
        guard let tokenType = json.string("token_type"), tokenType.lowercased() == "bearer" else {
            throw .invalidResponse("token type")
        }
        guard let idToken = json.nonEmptyString("id_token") else { throw .invalidResponse("no id token") }
        return idToken
    }

    private func identity(from claims: IDTokenClaims) -> FederatedIdentity {
        // The email is only a hint; it counts as verified only with the provider's word and an
        // address Sekisho can parse.
        let email = claims.email.flatMap(EmailAddress.init(parsing:))
        return FederatedIdentity(
            provider: configuration.provider, issuer: configuration.issuer, subject: claims.subject ?? "",
            email: email, emailVerified: email != nil && claims.emailVerified == true,
            name: String((claims.name ?? "").prefix(200)))
    }

    /// Runs one step and logs its failure reason (never a token or secret) before passing it on.
    private func logged<T>(_ body: () async throws(FederationFailure) -> T) async throws(FederationFailure) -> T {
        do {
            return try await body()
        } catch {
            logger.notice("federation failed", metadata: ["reason": "\(error.auditName)"])
            throw error
        }
    }
}
