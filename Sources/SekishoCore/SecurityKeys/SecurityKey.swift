public import Foundation

/// A security key or passkey a person registered as another way through the second step (NIST
/// 800-63B-4 AAL2: a phishing-resistant option). It is bound to the two-step registration: when that
/// goes (reset, 「2段階認証を登録し直す」), the keys go with it.
public struct SecurityKey: Sendable, Equatable {
    public typealias ID = EntityID<SecurityKey>

    /// How many keys a person may register.
    public static let maxPerPerson = 10
    public static let maxNameLength = 40

    public let id: ID
    public let personID: PersonID
    /// The credential id, unpadded base64url.
    public let credentialID: String
    /// The COSE_Key; public, so stored as it came.
    public let publicKey: [UInt8]
    /// The last signature counter seen (0 for keys that do not count).
    public var signCount: UInt32
    /// What the person called it: 「会社のキー」.
    public let name: String
    public let createdAt: Date
    public var lastUsedAt: Date?

    public init(
        id: ID, personID: PersonID, credentialID: String, publicKey: [UInt8], signCount: UInt32, name: String, createdAt: Date,
        lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.personID = personID
        self.credentialID = credentialID
        self.publicKey = publicKey
        self.signCount = signCount
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// The random challenge of one WebAuthn ceremony, bound to the session that asked for it and taken
/// (deleted) by the response: an answer is accepted once.
public struct SecurityKeyChallenge: Sendable, Equatable {
    public enum Purpose: String, Sendable {
        case register
        case signIn = "sign_in"
        /// Beside the password, before a sensitive change (``RecentSignIn``).
        case stepUp = "step_up"
    }

    /// How long a browser has to answer: WebAuthn's default timeout is 5 minutes.
    public static let lifetime: TimeInterval = 300

    public let session: TokenDigest
    public let purpose: Purpose
    /// 32 random bytes as unpadded base64url, as they come back in client data.
    public let challenge: String
    public let expiresAt: Date

    public init(session: TokenDigest, purpose: Purpose, challenge: String, expiresAt: Date) {
        self.session = session
        self.purpose = purpose
        self.challenge = challenge
        self.expiresAt = expiresAt
    }

    /// A new challenge for `session`, from the system CSPRNG.
    public static func generate(for session: TokenDigest, purpose: Purpose, now: Date) -> SecurityKeyChallenge {
        SecurityKeyChallenge(
            session: session, purpose: purpose, challenge: SecretToken.generate().text, expiresAt: now.addingTimeInterval(lifetime))
    }
}
