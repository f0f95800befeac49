/// The database, as use cases see it. Every change runs in ONE transaction that also appends its
/// audit events and queues its mail, so either all of it happens or none of it.
public protocol Store: Sendable {
    /// Runs `work` in a transaction; a thrown error rolls everything back.
    func transaction<Value: Sendable>(
        _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value

    /// Runs read-only `work`, which may see a consistent snapshot without blocking writers.
    func read<Value: Sendable>(
        _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value

    /// Whether the database answers (for `/readyz`).
    func ping() async throws
}

/// The repositories of one transaction.
public protocol StoreTransaction: Sendable {
    var contracts: any ContractRepository { get }
    var people: any PersonRepository { get }
    var directory: any DirectoryRepository { get }
    var passwords: any PasswordRepository { get }
    var sessions: any SessionRepository { get }
    var tickets: any TicketRepository { get }
    var applications: any ApplicationRepository { get }
    var outbox: any OutboxRepository { get }
    var audit: any AuditRepository { get }
    var twoStep: any TwoStepRepository { get }
    var smsChallenges: any SMSChallengeRepository { get }
    var rememberedBrowsers: any RememberedBrowserRepository { get }
    var securityKeys: any SecurityKeyRepository { get }
    var securityKeyChallenges: any SecurityKeyChallengeRepository { get }
    var rateLimits: any RateLimitRepository { get }
    var signInFailures: any SignInFailureRepository { get }
    var passwordResetRequests: any PasswordResetRequestRepository { get }
    var federationRequests: any FederationRequestRepository { get }
    var federatedIdentities: any FederatedIdentityRepository { get }
    var lines: any LineRepository { get }
}

/// Failures of the store that a page can explain, unlike a lost connection.
public enum StoreError: Error, Sendable, Equatable {
    /// A row that must exist is gone (deleted by a concurrent request).
    case missing(String)
    /// A unique index refused a row: another request took the value in the same instant.
    case conflict
    /// The database cannot be reached now (stopped, restarting, unreachable, or locked by another
    /// process past the wait). The web layer answers 503 with Retry-After. A transaction whose
    /// connection was lost during its commit may still have been committed, as with any lost
    /// connection; every other one was not.
    case unavailable
}
