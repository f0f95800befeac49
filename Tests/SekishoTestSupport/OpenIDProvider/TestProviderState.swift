import Foundation

/// One authorization code the test provider has issued and not yet redeemed.
struct IssuedCode: Sendable {
    let subject: String
    let email: String?
    let emailVerified: Bool
    let name: String?
    let nonce: String?
    let codeChallenge: String?
    let redirectURI: String
    let fault: IDTokenFault?
}

/// One Facebook login the fake Graph API has granted: by code until it is exchanged, then by token.
struct FacebookGrant: Sendable {
    let userID: String
    let name: String?
    let email: String?
    let redirectURI: String
}

/// What the fake Graph API gets wrong, for negative tests of the Facebook client.
public struct FacebookFaults: Sendable, Equatable {
    /// `debug_token` reports the token as issued to this app instead.
    public var debugTokenAppID: String?
    /// `debug_token` reports the token as invalid.
    public var tokenInvalid: Bool
    /// `/me` answers with this id instead of the token's user.
    public var meUserID: String?
    /// `/me` checks `appsecret_proof` against this secret instead of the app secret (as if the client
    /// had computed it with the wrong key).
    public var proofSecret: String?

    public init(debugTokenAppID: String? = nil, tokenInvalid: Bool = false, meUserID: String? = nil, proofSecret: String? = nil) {
        self.debugTokenAppID = debugTokenAppID
        self.tokenInvalid = tokenInvalid
        self.meUserID = meUserID
        self.proofSecret = proofSecret
    }
}

/// Everything the test provider remembers, guarded by one mutex in ``TestOpenIDProvider``.
struct TestProviderState: Sendable {
    var signingKey: TestSigningKey
    /// The keys the JWKS publishes (the signing key, plus any the test adds).
    var publishedKeys: [TestSigningKey]
    var keyGeneration = 1
    var codes: [String: IssuedCode] = [:]
    var discoveryIssuer: String?
    var responseDelay: Duration?
    var discoveryFetches = 0
    var jwksFetches = 0
    var attackerKey: TestSigningKey?
    var attackerKeyFetches = 0
    var tokenRequests = 0
    /// Every access token and ID token handed out, Google's and Facebook's.
    var issuedTokens: [String] = []
    var facebookCodes: [String: FacebookGrant] = [:]
    var facebookTokens: [String: FacebookGrant] = [:]
    var facebookFaults = FacebookFaults()
    var graphRequests = 0
    /// The SHA-1 (upper-case hex) of each password the fake Pwned Passwords lists as breached.
    var breachedPasswordDigests: Set<String> = []
    /// Every prefix the range endpoint was asked for.
    var rangePrefixes: [String] = []

    init(signingKey: TestSigningKey) {
        self.signingKey = signingKey
        self.publishedKeys = [signingKey]
    }
}
