import Foundation
import SekishoCore
import Synchronization

extension TestOpenIDProvider {
    /// Plays the person approving the sign-in: records a single-use code whose exchange answers an
    /// ID token for `subject` with `nonce` (`nil` leaves the claim out), bound to `codeChallenge`
    /// (PKCE S256) and `redirectURI` (default: the registered one). `fault` breaks that token.
    public func issueCode(
        subject: String, email: String? = nil, emailVerified: Bool = true, name: String? = nil, nonce: String?,
        codeChallenge: String?, redirectURI: String? = nil, fault: IDTokenFault? = nil
    ) -> String {
        let code = Self.randomToken("code")
        let issued = IssuedCode(
            subject: subject, email: email, emailVerified: emailVerified, name: name, nonce: nonce,
            codeChallenge: codeChallenge, redirectURI: redirectURI ?? self.redirectURI, fault: fault)
        state.withLock { $0.codes[code] = issued }
        return code
    }

    /// Plays the person at the authorization endpoint the relying party sent them to: checks that
    /// the URL is a code request for this client with an S256 challenge, then issues a code bound
    /// to its `nonce`, challenge and redirect URI. Answers the code and the `state` to call back with.
    public func approve(
        _ authorizationURL: String, subject: String, email: String? = nil, emailVerified: Bool = true, name: String? = nil,
        fault: IDTokenFault? = nil
    ) throws -> (code: String, state: String) {
        guard let query = FormFields(queryOf: authorizationURL), query["response_type"] == "code",
              query["client_id"] == clientID, let redirect = query["redirect_uri"], let state = query["state"],
              query["code_challenge_method"] == "S256", let challenge = query["code_challenge"]
        else { throw TestProviderError.invalidAuthorizationURL(authorizationURL) }
        let code = issueCode(
            subject: subject, email: email, emailVerified: emailVerified, name: name, nonce: query["nonce"],
            codeChallenge: challenge, redirectURI: redirect, fault: fault)
        return (code, state)
    }

    /// Makes discovery announce this issuer instead of the real one (`nil` restores it).
    public func overrideDiscoveryIssuer(_ issuer: String?) {
        state.withLock { $0.discoveryIssuer = issuer }
    }

    /// Replaces the signing key with a new one under a new key id; the old key leaves the JWKS.
    /// Answers the new key id.
    @discardableResult
    public func rotateSigningKey() throws -> String {
        let algorithm = state.withLock { $0.signingKey.algorithm }
        let generation = state.withLock { state in
            state.keyGeneration += 1
            return state.keyGeneration
        }
        let key = try TestSigningKey.generate(algorithm, kid: "key-\(generation)")
        state.withLock { state in
            state.signingKey = key
            state.publishedKeys = [key]
        }
        return key.kid
    }

    /// The key id tokens are currently signed under.
    public var currentKeyID: String { state.withLock { $0.signingKey.kid } }

    /// How often the discovery document was fetched.
    public var discoveryFetchCount: Int { state.withLock { $0.discoveryFetches } }

    /// How often the JWKS was fetched.
    public var jwksFetchCount: Int { state.withLock { $0.jwksFetches } }

    /// How often the key that ``IDTokenFault/keyInHeader`` points to was fetched.
    public var attackerKeyFetchCount: Int { state.withLock { $0.attackerKeyFetches } }

    /// Every access token and ID token the provider has handed out.
    public var issuedTokens: [String] { state.withLock { $0.issuedTokens } }

    /// How often the token endpoint was called.
    public var tokenRequestCount: Int { state.withLock { $0.tokenRequests } }

    /// How often a Graph API endpoint was called.
    public var graphRequestCount: Int { state.withLock { $0.graphRequests } }

    /// Every answer waits this long first (`nil`: answer at once), to exercise client timeouts.
    public func setResponseDelay(_ delay: Duration?) {
        state.withLock { $0.responseDelay = delay }
    }

    /// Plays the person approving the Facebook dialog: a single-use code for `userID`.
    public func issueFacebookCode(userID: String, name: String? = nil, email: String? = nil, redirectURI: String? = nil) -> String {
        let code = Self.randomToken("fbcode")
        let grant = FacebookGrant(userID: userID, name: name, email: email, redirectURI: redirectURI ?? facebookRedirectURI)
        state.withLock { $0.facebookCodes[code] = grant }
        return code
    }

    public func setFacebookFaults(_ faults: FacebookFaults) {
        state.withLock { $0.facebookFaults = faults }
    }

    static func randomToken(_ prefix: String) -> String {
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255) }
        return prefix + "-" + bytes.map { String(format: "%02x", $0) }.joined()
    }
}
