public import Foundation

/// The second factor a person signs in with (SPEC C1).
public enum TwoStepMethod: String, Sendable, CaseIterable {
    case authenticator
    case sms
}

/// A person's two-step registration. It exists from the moment enrolment starts; until the first
/// correct code (``confirmedAt``) it only holds what is being set up, and sign-in asks to finish it.
public struct TwoStepRegistration: Sendable, Equatable {
    public let personID: PersonID
    public var method: TwoStepMethod
    /// The authenticator key, sealed with ``SecretBox`` under the context ``keyContext(for:)``.
    public var sealedKey: String?
    /// The SMS number (E.164).
    public var phone: PhoneNumber?
    /// The last TOTP time step accepted: a step at or before it is a replay.
    public var lastStep: Int64?
    public var recoveryDigest: TokenDigest?
    /// Whether the person ticked 「リカバリコードを保存しました」 for the current recovery code.
    public var recoverySaved: Bool
    public var confirmedAt: Date?
    public var createdAt: Date

    public init(
        personID: PersonID, method: TwoStepMethod, sealedKey: String? = nil, phone: PhoneNumber? = nil, lastStep: Int64? = nil,
        recoveryDigest: TokenDigest? = nil, recoverySaved: Bool = false, confirmedAt: Date? = nil, createdAt: Date
    ) {
        self.personID = personID
        self.method = method
        self.sealedKey = sealedKey
        self.phone = phone
        self.lastStep = lastStep
        self.recoveryDigest = recoveryDigest
        self.recoverySaved = recoverySaved
        self.confirmedAt = confirmedAt
        self.createdAt = createdAt
    }

    public var isConfirmed: Bool { confirmedAt != nil }

    /// Associated data of the sealed key: the key opens only in its own person's row.
    public static func keyContext(for person: PersonID) -> String { "totp:\(person.rawValue)" }
}

/// The SMS code of one sign-in attempt (bound to its session; resending replaces it).
public struct SMSChallenge: Sendable, Equatable {
    public let session: TokenDigest
    public let personID: PersonID
    public let phone: PhoneNumber
    public let codeDigest: String
    public let expiresAt: Date
    /// Tries used so far.
    public var tries: Int

    public init(session: TokenDigest, personID: PersonID, phone: PhoneNumber, codeDigest: String, expiresAt: Date, tries: Int) {
        self.session = session
        self.personID = personID
        self.phone = phone
        self.codeDigest = codeDigest
        self.expiresAt = expiresAt
        self.tries = tries
    }
}

/// A browser that skips two-step while it is used at least once per ``TwoStepPolicy/rememberFor``
/// (SPEC B3, C6). The browser holds a 256-bit token in its own cookie; the row holds its digest.
public struct RememberedBrowser: Sendable, Equatable {
    public typealias ID = EntityID<RememberedBrowser>

    public let id: ID
    public let personID: PersonID
    public let digest: TokenDigest
    /// What the person recognises it by: 「Chrome (Windows)」, from the user agent when it was remembered.
    public let label: String
    public let createdAt: Date
    public var lastUsedAt: Date

    public init(id: ID, personID: PersonID, digest: TokenDigest, label: String, createdAt: Date, lastUsedAt: Date) {
        self.id = id
        self.personID = personID
        self.digest = digest
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
