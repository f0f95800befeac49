public import Foundation
public import SekishoCore

/// One OpenID Connect provider as a confidential client sees it (Google in production): who the
/// issuer is, and this service's registration there.
public struct OpenIDConnectConfiguration: Sendable, Equatable {
    /// Which login method this provider stands for (``FederationProvider/google`` for Google).
    public var provider: FederationProvider
    /// The issuer identifier, compared exactly with the discovery document's `issuer` and every ID
    /// token's `iss` (Google: `https://accounts.google.com`).
    public var issuer: String
    public var clientID: String
    /// Sent only to the token endpoint (`client_secret_post`); never logged.
    public var clientSecret: String
    /// The exact redirect URI registered at the provider; the same value goes in the authorization
    /// request and in the code exchange.
    public var redirectURI: String
    /// The redirect URI on the line-auth entrance (SPEC D1), registered at the provider as well: a
    /// round trip begun there comes back there, where its session cookie and the gateway's line are.
    public var lineRedirectURI: String?
    public var scopes: [String]
    /// Seconds allowed for each request to the provider (discovery, JWKS, token endpoint).
    public var timeout: TimeInterval
    /// Other spellings of ``issuer`` that the provider is documented to put in an ID token's `iss`
    /// (Google: the legacy `accounts.google.com`). Discovery and the RFC 9207 `iss` parameter must
    /// still name ``issuer`` exactly, and identities always carry ``issuer``, so an account's key
    /// does not depend on the spelling.
    public var issuerAliases: [String]

    public init(
        provider: FederationProvider = .google,
        issuer: String,
        clientID: String,
        clientSecret: String,
        redirectURI: String,
        scopes: [String] = ["openid", "email", "profile"],
        timeout: TimeInterval = 10,
        issuerAliases: [String] = []
    ) {
        self.provider = provider
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.timeout = timeout
        self.issuerAliases = issuerAliases
    }

    /// Google's issuer (and its legacy spelling in ID tokens) and scopes with this service's registration.
    public static func google(clientID: String, clientSecret: String, redirectURI: String) -> OpenIDConnectConfiguration {
        OpenIDConnectConfiguration(
            provider: .google, issuer: "https://accounts.google.com", clientID: clientID, clientSecret: clientSecret,
            redirectURI: redirectURI, issuerAliases: ["accounts.google.com"])
    }

    /// OpenID Connect Discovery 1.0 §4: the issuer (without a trailing `/`) followed by
    /// `/.well-known/openid-configuration`.
    public var discoveryURL: String {
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/.well-known/openid-configuration"
    }

    /// Without a client id and secret there is nothing to sign in with.
    var isConfigured: Bool {
        !issuer.isEmpty && !clientID.isEmpty && !clientSecret.isEmpty && !redirectURI.isEmpty
    }

    /// The redirect URI of the entrance `transaction` was begun at.
    func redirectURI(for transaction: AuthorizationTransaction) -> String {
        transaction.viaLineEntrance ? lineRedirectURI ?? redirectURI : redirectURI
    }

}
