public import Foundation

public protocol TwoStepRepository: Sendable {
    func find(_ person: PersonID) async throws -> TwoStepRegistration?
    /// Inserts or replaces the person's registration.
    func save(_ registration: TwoStepRegistration) async throws
    func delete(_ person: PersonID) async throws
    /// Records `step` as the last accepted TOTP step in one statement, only when it is later than the
    /// one recorded: of two concurrent submissions of one code exactly one gets `true`.
    func acceptStep(_ step: Int64, for person: PersonID) async throws -> Bool
    /// Replaces the recovery code in one statement, only while `old` is the current one: a recovery
    /// code works once even when submitted twice at the same moment.
    func replaceRecoveryCode(_ old: TokenDigest, with new: TokenDigest, for person: PersonID) async throws -> Bool
}

public protocol SMSChallengeRepository: Sendable {
    /// Stores the attempt's code, replacing an older one of the same attempt.
    func put(_ challenge: SMSChallenge) async throws
    func find(session: TokenDigest) async throws -> SMSChallenge?
    /// Counts one try in one statement and returns the challenge, or `nil` when it is gone, expired
    /// or has no try left.
    func countTry(session: TokenDigest, maxTries: Int, now: Date) async throws -> SMSChallenge?
    /// Deletes the attempt's code; `false` when it was already gone. Of two concurrent deletes exactly
    /// one gets `true`, so a code is accepted once.
    @discardableResult
    func delete(session: TokenDigest) async throws -> Bool
}

public protocol RememberedBrowserRepository: Sendable {
    func insert(_ browser: RememberedBrowser) async throws
    func find(_ digest: TokenDigest) async throws -> RememberedBrowser?
    func touch(_ id: RememberedBrowser.ID, at now: Date) async throws
    /// The person's browsers, most recently used first.
    func list(for person: PersonID) async throws -> [RememberedBrowser]
    /// Deletes one of the person's browsers; `false` when it is not theirs or gone.
    func delete(_ id: RememberedBrowser.ID, of person: PersonID) async throws -> Bool
    /// Forgets every browser of the person (password change, two-step reset); returns how many.
    func deleteAll(of person: PersonID) async throws -> Int
    /// Deletes browsers last used at or before `cutoff`: no longer trusted (see ``TwoStepPolicy/isRemembered(lastUsed:now:)``).
    func deleteUnused(since cutoff: Date) async throws -> Int
}

public protocol RateLimitRepository: Sendable {
    /// Counts one hit on `key` in a fixed window of `window` seconds in one atomic statement: the
    /// window restarts at `now` when the previous one is over. Returns the count including this hit.
    func hit(_ key: String, window: TimeInterval, now: Date) async throws -> RateWindow
    /// The hits of `key`'s window when it is still open at `now`; does not count.
    func current(_ key: String, window: TimeInterval, now: Date) async throws -> RateWindow?
    func reset(_ key: String) async throws
    /// Deletes windows that started before `cutoff`.
    func deleteStale(before cutoff: Date) async throws -> Int
}
