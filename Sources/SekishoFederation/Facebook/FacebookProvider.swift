public import AsyncHTTPClient
import Foundation
public import Logging
public import SekishoCore

/// Sign-in with Facebook's manual login flow (OAuth 2.0, no ID token): the code is exchanged for a
/// user access token, the token is inspected with `debug_token` (it must belong to this app and be
/// valid), and `/me` (called with `appsecret_proof`) must name the same user. Without an ID token
/// this inspection is what ties the code to this app and to one person.
///
/// Every failure is a ``FederationFailure``; tokens, codes and the app secret are never logged
/// (the Graph API takes them in query strings, so no URL is logged either).
public struct FacebookProvider: IdentityProvider {
    /// The issuer recorded on every Facebook identity (Facebook's OpenID issuer identifier).
    public static let issuer = "https://www.facebook.com"

    public let configuration: FacebookConfiguration
    private let http: ProviderHTTP
    private let logger: Logger

    /// - Parameter httpClient: the client for every request to the provider; the default,
    ///   ``HTTPClient/federation``, never follows a redirect.
    public init(configuration: FacebookConfiguration, httpClient: HTTPClient = .federation, logger: Logger) {
        var logger = logger
        logger[metadataKey: "provider"] = "facebook"
        self.configuration = configuration
        self.http = ProviderHTTP(client: httpClient, timeout: configuration.timeout)
        self.logger = logger
    }

    public var provider: FederationProvider { .facebook }

    /// The login dialog with `state`. Facebook's manual flow has no `nonce` and no PKCE; the
    /// transaction's `state` (bound to the browser) and the server-side exchange protect it.
    public func authorizationURL(for transaction: AuthorizationTransaction) async throws -> String {
        guard configuration.isConfigured else { throw FederationFailure.notConfigured }
        var parameters = [
            ("client_id", configuration.appID),
            ("redirect_uri", configuration.redirectURI(for: transaction)),
            ("state", transaction.state),
            ("response_type", "code"),
            ("scope", configuration.scopes.joined(separator: ",")),
        ]
        // Facebook asks for the password again; without an ID token, Sekisho cannot check it did.
        if transaction.maxAuthenticationAge != nil { parameters.append(("auth_type", "reauthenticate")) }
        return FormEncoding.url(configuration.dialogURL, parameters)
    }

    public func identity(code: String, issuerParameter: String?, transaction: AuthorizationTransaction) async throws -> FederatedIdentity {
        guard configuration.isConfigured else { throw FederationFailure.notConfigured }
        do {
            // Facebook sends no `iss`; one that names anyone else is a mixed-up flow (RFC 9207).
            if let issuerParameter, issuerParameter != Self.issuer { throw FederationFailure.invalidResponse("iss parameter") }
            guard !code.isEmpty else { throw FederationFailure.invalidResponse("empty code") }
            let accessToken = try await exchange(code: code, redirectURI: configuration.redirectURI(for: transaction))
            let userID = try await inspect(accessToken)
            return try await profile(accessToken, userID: userID)
        } catch {
            let failure = FederationFailure.from(error)
            logger.notice("federation failed", metadata: ["reason": "\(failure.auditName)"])
            throw failure
        }
    }

    private func exchange(code: String, redirectURI: String) async throws(FederationFailure) -> String {
        let answer = try await http.get(FormEncoding.url(configuration.graph("/oauth/access_token"), [
            ("client_id", configuration.appID),
            ("redirect_uri", redirectURI),
            ("client_secret", configuration.appSecret),
            ("code", code),
        ]))
        guard answer.isSuccess else { throw .invalidResponse("access token \(answer.status)") }
        guard let token = try answer.json("access token").nonEmptyString("access_token") else {
            throw .invalidResponse("no access token")
        }
        return token
    }

    /// `debug_token` with the app access token (`app-id|app-secret`): the token must be valid and
    /// issued to this app, not to another app whose token was replayed here. Answers its user id.
    private func inspect(_ accessToken: String) async throws(FederationFailure) -> String {
        let answer = try await http.get(FormEncoding.url(configuration.graph("/debug_token"), [
            ("input_token", accessToken),
            ("access_token", "\(configuration.appID)|\(configuration.appSecret)"),
        ]))
        guard answer.isSuccess else { throw .invalidResponse("debug token \(answer.status)") }
        guard let data = try answer.json("debug token").object("data") else { throw .invalidResponse("debug token data") }
        guard data.identifier("app_id") == configuration.appID else { throw .invalidResponse("debug token app") }
        guard data.bool("is_valid") == true else { throw .invalidResponse("debug token invalid") }
        guard let userID = data.identifier("user_id") else { throw .invalidResponse("debug token user") }
        return userID
    }

    private func profile(_ accessToken: String, userID: String) async throws(FederationFailure) -> FederatedIdentity {
        let answer = try await http.get(FormEncoding.url(configuration.graph("/me"), [
            ("fields", "id,name,email"),
            ("access_token", accessToken),
            ("appsecret_proof", AppSecretProof.make(accessToken: accessToken, appSecret: configuration.appSecret)),
        ]))
        guard answer.isSuccess else { throw .invalidResponse("me \(answer.status)") }
        let json = try answer.json("me")
        guard let id = json.identifier("id"), id == userID, id.utf8.count <= 255 else { throw .invalidResponse("me id") }
        // Facebook does not say whether the address is verified, so it never counts as verified.
        return FederatedIdentity(
            provider: .facebook, issuer: Self.issuer, subject: id,
            email: json.string("email").flatMap(EmailAddress.init(parsing:)), emailVerified: false,
            name: String((json.string("name") ?? "").prefix(200)))
    }
}
