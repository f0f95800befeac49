import Crypto
public import Foundation

/// The two sign-in providers of SPEC B4. Each is also a login method (SPEC glossary).
public enum FederationProvider: String, Sendable, CaseIterable {
    case google
    case facebook

    public var loginMethod: LoginMethod {
        switch self {
        case .google: .google
        case .facebook: .facebook
        }
    }

    public init?(_ method: LoginMethod) {
        switch method {
        case .google: self = .google
        case .facebook: self = .facebook
        case .password: return nil
        }
    }
}

/// The port to one provider (SekishoFederation implements it; tests may fake it). A provider only
/// proves who the person is; what that identity may do is decided in Core.
public protocol IdentityProvider: Sendable {
    var provider: FederationProvider { get }

    /// Where to send the browser: the provider's authorization endpoint with this transaction's
    /// `state`, `nonce` and PKCE challenge (S256 of the verifier). May fetch the discovery document.
    /// Throws ``FederationFailure``.
    func authorizationURL(for transaction: AuthorizationTransaction) async throws -> String

    /// Exchanges the callback's code and validates what comes back (for OpenID Connect the ID token
    /// per OIDC Core 3.1.3.7, with the transaction's nonce; for Facebook the access token's app and
    /// the Graph API's user). Only called once the transaction's `state` has matched; the callback's
    /// `error` has been handled before. Throws ``FederationFailure``.
    func identity(code: String, issuerParameter: String?, transaction: AuthorizationTransaction) async throws -> FederatedIdentity
}

/// The per-transaction values of one authorization request: `state` and `nonce` travel in the URL,
/// the PKCE `codeVerifier` never leaves the server until the code exchange.
public struct AuthorizationTransaction: Sendable, Equatable {
    public let state: String
    public let nonce: String
    public let codeVerifier: String
    /// When set, the person must have signed in at the provider at most this many seconds ago
    /// (OIDC `max_age`, checked against the ID token's `auth_time`; Facebook is asked to
    /// re-authenticate). The contract menu's sign-in stands for a recent sign-in (``RecentSignIn``).
    public let maxAuthenticationAge: TimeInterval?
    /// Begun at the line-auth entrance (SPEC D1): the provider sends the browser back there.
    public let viaLineEntrance: Bool

    public init(
        state: String, nonce: String, codeVerifier: String, maxAuthenticationAge: TimeInterval? = nil, viaLineEntrance: Bool = false
    ) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.maxAuthenticationAge = maxAuthenticationAge
        self.viaLineEntrance = viaLineEntrance
    }

    /// RFC 7636 S256: base64url(SHA-256(verifier)), the only challenge method Sekisho sends.
    public var codeChallenge: String {
        Base64URL.encode(SHA256.hash(data: Data(codeVerifier.utf8)))
    }
}

/// Who the provider says the person is. Accounts are found by (provider, subject) only; the email
/// is a hint that is trusted only when the provider says it is verified.
public struct FederatedIdentity: Sendable, Equatable {
    public let provider: FederationProvider
    /// The issuer that vouched (`iss` of the ID token; Facebook's fixed identifier).
    public let issuer: String
    /// The provider's stable id of the person (`sub`; Facebook's app-scoped user id).
    public let subject: String
    public let email: EmailAddress?
    public let emailVerified: Bool
    /// The person's name at the provider, for the confirmation page; may be empty.
    public let name: String

    public init(provider: FederationProvider, issuer: String, subject: String, email: EmailAddress?, emailVerified: Bool, name: String) {
        self.provider = provider
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
    }
}

/// Why a provider round trip did not produce an identity. Each case is audited with its name and
/// shown as one of a few clear messages; none of them links or creates anything.
public enum FederationFailure: Error, Sendable, Equatable {
    /// The provider has no client id or secret configured here.
    case notConfigured
    /// The person cancelled at the provider (`error=access_denied`).
    case cancelled
    /// The provider answered the callback with another `error` code.
    case providerError(String)
    /// The callback's `state` is unknown, used, expired, from another browser or another provider.
    case unknownState
    /// The provider could not be reached, or did not answer within the timeout.
    case unreachable
    /// The provider answered, but something in it did not validate (a bad code, a bad token). The
    /// reason is for the audit log only.
    case invalidResponse(String)

    /// A short machine name for the audit detail.
    public var auditName: String {
        switch self {
        case .notConfigured: "not_configured"
        case .cancelled: "cancelled"
        case .providerError(let code): "provider_error:\(code.prefix(40))"
        case .unknownState: "unknown_state"
        case .unreachable: "unreachable"
        case .invalidResponse(let reason): "invalid:\(reason.prefix(60))"
        }
    }
}
