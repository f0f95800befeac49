public import Foundation

public protocol SecurityKeyRepository: Sendable {
    /// Adds a key; `false` when its credential id is registered already (to anyone).
    func insert(_ key: SecurityKey) async throws -> Bool
    /// The person's keys, oldest first.
    func list(for person: PersonID) async throws -> [SecurityKey]
    func find(credentialID: String, of person: PersonID) async throws -> SecurityKey?
    /// Moves the counter from `old` to `new` in one statement, only while it is still `old`: of two
    /// concurrent uses of one key that saw the same counter, one gets `true`.
    func recordUse(_ id: SecurityKey.ID, counter old: UInt32, to new: UInt32, at now: Date) async throws -> Bool
    /// Deletes one of the person's keys; `false` when it is not theirs or gone.
    func delete(_ id: SecurityKey.ID, of person: PersonID) async throws -> Bool
}

public protocol SecurityKeyChallengeRepository: Sendable {
    /// Stores the session's challenge for `purpose`, replacing an older one.
    func put(_ challenge: SecurityKeyChallenge) async throws
    /// Deletes the session's challenge for `purpose` and returns it while it has not expired; of two
    /// concurrent takes exactly one gets it.
    func take(session: TokenDigest, purpose: SecurityKeyChallenge.Purpose, now: Date) async throws -> SecurityKeyChallenge?
}
