import Foundation
public import SekishoCore
import Synchronization

/// An ``IdentityProvider`` in memory for the use-case tests: the authorization request is recorded
/// by `state`, ``approve(_:state:)`` plays the person saying yes at the provider and returns a code,
/// and the code exchange checks the PKCE verifier and the nonce against what was sent, like a real
/// provider would. (The real clients are tested against ``TestOpenIDProvider``.)
public final class FakeIdentityProvider: IdentityProvider {
    public let provider: FederationProvider
    private let state = Mutex(Books())

    private struct Books {
        var sent: [String: AuthorizationTransaction] = [:]
        var codes: [String: (identity: FederatedIdentity, state: String)] = [:]
        var failure: FederationFailure?
    }

    public init(_ provider: FederationProvider = .google) {
        self.provider = provider
    }

    public func authorizationURL(for transaction: AuthorizationTransaction) async throws -> String {
        if let failure = state.withLock({ $0.failure }) { throw failure }
        state.withLock { $0.sent[transaction.state] = transaction }
        return "https://provider.test/authorize?state=\(transaction.state)&nonce=\(transaction.nonce)&code_challenge=\(transaction.codeChallenge)"
    }

    public func identity(code: String, issuerParameter: String?, transaction: AuthorizationTransaction) async throws -> FederatedIdentity {
        if let failure = state.withLock({ $0.failure }) { throw failure }
        let (grant, sent) = state.withLock { books in
            let grant = books.codes.removeValue(forKey: code)
            return (grant, grant.flatMap { books.sent[$0.state] })
        }
        guard let grant, let sent else { throw FederationFailure.invalidResponse("unknown or used code") }
        guard sent.codeChallenge == transaction.codeChallenge else { throw FederationFailure.invalidResponse("PKCE verifier") }
        guard sent.nonce == transaction.nonce else { throw FederationFailure.invalidResponse("nonce") }
        return grant.identity
    }

    /// The person approves at the provider: the code the callback carries for the request of `state`.
    public func approve(_ identity: FederatedIdentity, state requestState: String) -> String {
        let code = SecretToken.generate().text
        state.withLock { $0.codes[code] = (identity, requestState) }
        return code
    }

    /// Every call fails with `failure` from now on (`nil`: works again).
    public func fail(with failure: FederationFailure?) {
        state.withLock { $0.failure = failure }
    }

    /// The `state` of the last authorization URL handed out.
    public static func state(in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "state" }?.value
    }

    public static func identity(
        _ provider: FederationProvider = .google, subject: String = "subject-1", email: String? = "taro@gmail.example",
        verified: Bool = true, name: String = "山田 太郎"
    ) -> FederatedIdentity {
        FederatedIdentity(
            provider: provider, issuer: provider == .google ? "https://accounts.google.com" : "https://www.facebook.com", subject: subject,
            email: email.flatMap(EmailAddress.init(parsing:)), emailVerified: verified, name: name)
    }
}
