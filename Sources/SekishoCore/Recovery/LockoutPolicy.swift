public import Foundation

/// The numbers of the account lock and the throttles in front of it (SPEC H1, H4, H6; ASVS 6.1.1,
/// 6.3.1). The lock counts per email; the throttles count per client address and per email.
public struct LockoutPolicy: Sendable, Equatable {
    /// Wrong passwords in a row that lock an email (SPEC H1: 10).
    public var maxFailures: Int
    /// Wrong passwords from one client address per ``addressWindow`` before its sign-in and
    /// forgotten-password requests get 429 (credential stuffing across many emails).
    public var addressFailureLimit: Int
    public var addressWindow: TimeInterval
    /// Reset mails per email per ``resetMailWindow``; further requests get the same page and no mail.
    public var resetMailsPerEmail: Int
    public var resetMailWindow: TimeInterval
    /// Forgotten-password requests per client address per ``addressWindow`` that may send mail.
    public var resetRequestsPerAddress: Int
    /// A count below the lock untouched for this long is forgotten by the sweep.
    public var staleAfter: TimeInterval
    /// A lock the unlock link never lifted is lifted by the sweep after this long: the same for an
    /// email with an account and one without, so that waiting reveals nothing (ASVS 6.3.8), and the
    /// locks of addresses nobody has do not pile up for ever.
    public var lockKeptFor: TimeInterval

    public init(
        maxFailures: Int = 10, addressFailureLimit: Int = 100, addressWindow: TimeInterval = 600,
        resetMailsPerEmail: Int = 3, resetMailWindow: TimeInterval = 3_600, resetRequestsPerAddress: Int = 30,
        staleAfter: TimeInterval = 30 * 86_400, lockKeptFor: TimeInterval = 365 * 86_400
    ) {
        self.maxFailures = maxFailures
        self.addressFailureLimit = addressFailureLimit
        self.addressWindow = addressWindow
        self.resetMailsPerEmail = resetMailsPerEmail
        self.resetMailWindow = resetMailWindow
        self.resetRequestsPerAddress = resetRequestsPerAddress
        self.staleAfter = staleAfter
        self.lockKeptFor = lockKeptFor
    }

    static func addressFailureKey(_ address: String) -> String { "sign-in-failures:\(address)" }
    static func resetEmailKey(_ email: EmailAddress) -> String { "reset-mails:\(email.normalized)" }
    static func resetAddressKey(_ address: String) -> String { "reset-requests:\(address)" }
}

/// The email is locked after too many wrong passwords (SPEC H1). Unknown emails lock the same way (H6).
public struct AccountLocked: Error, Sendable, Equatable {
    public init() {}
}

/// The client address failed too often; its sign-in and forgotten-password requests wait until ``retryAt``.
public struct ClientThrottled: Error, Sendable, Equatable {
    public let retryAt: Date

    public init(retryAt: Date) { self.retryAt = retryAt }
}
