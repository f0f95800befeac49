public import Foundation

/// The numbers of two-step verification (SPEC B3, C3; STANDARDS: TOTP, SMS, look-up secrets).
public struct TwoStepPolicy: Sendable, Equatable {
    /// A remembered browser unused for this long asks for two-step again (default 30 days).
    public var rememberFor: TimeInterval
    /// Wrong codes (any method, recovery codes included) allowed per person per ``failureWindow``.
    public var maxFailures: Int
    public var failureWindow: TimeInterval
    /// An SMS code's lifetime and tries.
    public var smsLifetime: TimeInterval
    public var smsTries: Int
    /// SMS sends allowed per person and number per ``smsSendWindow``.
    public var maxSMSSends: Int
    public var smsSendWindow: TimeInterval
    /// TOTP steps accepted either side of now (network delay and clock drift).
    public var totpWindow: Int64

    public init(
        rememberFor: TimeInterval = 30 * 86_400, maxFailures: Int = 5, failureWindow: TimeInterval = 15 * 60,
        smsLifetime: TimeInterval = 5 * 60, smsTries: Int = 5, maxSMSSends: Int = 3, smsSendWindow: TimeInterval = 15 * 60,
        totpWindow: Int64 = 1
    ) {
        self.rememberFor = rememberFor
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
        self.smsLifetime = smsLifetime
        self.smsTries = smsTries
        self.maxSMSSends = maxSMSSends
        self.smsSendWindow = smsSendWindow
        self.totpWindow = totpWindow
    }

    /// Whether a browser last used at `lastUsed` still skips two-step at `now`.
    public func isRemembered(lastUsed: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastUsed) < rememberFor
    }

    static func failureKey(_ person: PersonID) -> String { "two-step-failures:\(person.rawValue)" }
    static func smsSendKey(_ person: PersonID, _ phone: PhoneNumber) -> String { "sms-sends:\(person.rawValue):\(phone.e164)" }
}

/// A fixed-window counter as the store returns it after counting one more hit.
public struct RateWindow: Sendable, Equatable {
    public let hits: Int
    public let startedAt: Date

    public init(hits: Int, startedAt: Date) {
        self.hits = hits
        self.startedAt = startedAt
    }
}

/// Too many wrong codes or too many SMS: try again after ``retryAt``.
public struct TwoStepThrottled: Error, Sendable, Equatable {
    public let retryAt: Date

    public init(retryAt: Date) { self.retryAt = retryAt }
}
