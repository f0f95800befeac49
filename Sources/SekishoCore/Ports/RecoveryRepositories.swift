public import Foundation

/// Wrong-password counts and locks, per normalised email, for emails with and without an account
/// (SPEC H1, H6). Every change is one SQL statement, so concurrent attempts count exactly.
///
/// A row counts `attempts` (passwords being checked or found wrong) and `failures` (found wrong). An
/// attempt is counted before its password is hashed, so no more than the limit are ever checked;
/// only finished wrong passwords lock.
public protocol SignInFailureRepository: Sendable {
    /// Counts one more attempt for `email`, unless it is locked or already has `limit` attempts.
    /// Returns the attempts including this one, or `nil` when refused: the password of a refused
    /// attempt is never checked.
    func reserve(_ email: String, limit: Int, now: Date) async throws -> Int?
    /// A counted attempt's password was wrong: counts the failure and locks `email` when it is the
    /// `limit`-th. `true` only for the one call that locked it.
    func recordFailure(_ email: String, limit: Int, now: Date) async throws -> Bool
    /// Takes back a counted attempt whose password could not be checked (the hashing queue was full).
    func release(_ email: String) async throws
    /// A right password: forgets the counts unless the email got locked meanwhile; `false` when locked.
    func clearUnlessLocked(_ email: String) async throws -> Bool
    /// Forgets the counts and the lock; `true` when the email was locked.
    @discardableResult
    func unlock(_ email: String) async throws -> Bool
    func isLocked(_ email: String) async throws -> Bool
    /// Deletes counts (below the lock) untouched since `countCutoff`, and locks set before `lockCutoff`,
    /// whoever the email belongs to.
    func deleteStale(countsBefore countCutoff: Date, locksBefore lockCutoff: Date) async throws -> Int
}

/// Forgotten-password requests waiting for ``DeliverPasswordResets``. The request itself does the same
/// work for every email; only this background step looks at whether the email has an account.
public protocol PasswordResetRequestRepository: Sendable {
    func enqueue(email: EmailAddress, client: ClientInfo, at now: Date) async throws
    /// The ids of the oldest waiting requests.
    func waiting(limit: Int) async throws -> [Int64]
    /// Removes the request and returns it; `nil` when another worker took it first.
    func take(_ id: Int64) async throws -> PasswordResetRequest?
}

/// 「パスワードを忘れた方はこちら」 as it was asked: which email, from where, when.
public struct PasswordResetRequest: Sendable, Equatable {
    public let id: Int64
    public let email: EmailAddress
    public let client: ClientInfo
    public let requestedAt: Date

    public init(id: Int64, email: EmailAddress, client: ClientInfo, requestedAt: Date) {
        self.id = id
        self.email = email
        self.client = client
        self.requestedAt = requestedAt
    }
}
