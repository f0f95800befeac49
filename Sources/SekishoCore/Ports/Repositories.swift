public import Foundation

public protocol ContractRepository: Sendable {
    func insert(_ contract: Contract) async throws
    func find(_ id: ContractID) async throws -> Contract?
    /// 「契約情報変更」's fields (SPEC J3); `nil` for an unknown contract.
    func details(of id: ContractID) async throws -> ContractDetails?
    /// Writes the plan, the trial's end, the access route and the settings of `contract`.
    func update(_ contract: Contract) async throws
    /// Writes the details, the name included.
    func setDetails(_ details: ContractDetails, of id: ContractID) async throws
    /// Marks an active contract cancelled; `false` when it was not active (of two concurrent
    /// cancellations exactly one gets `true`).
    func cancel(_ id: ContractID, at now: Date) async throws -> Bool
    /// The contracts cancelled before `cutoff`, whose data is due to be erased.
    func cancelled(before cutoff: Date) async throws -> [ContractID]
    /// Erases the contract with its people and everything kept about them: credentials, two-step,
    /// sessions, browsers, mail links, lock counts and the contract's audit events. Returns how many
    /// people went.
    func purge(_ id: ContractID) async throws -> Int
}

public protocol PersonRepository: Sendable {
    /// Inserts unless the email is taken anywhere in the service; returns whether it was inserted.
    /// The unique index decides, so two concurrent inserts of one email cannot both win.
    func insert(_ person: Person) async throws -> Bool
    func find(_ id: PersonID) async throws -> Person?
    func find(email: EmailAddress) async throws -> Person?
    /// The person, read so that a concurrent change of their row waits for this transaction to end
    /// (a row lock on PostgreSQL; SQLite's write transaction already holds the whole file).
    func findHeld(_ id: PersonID) async throws -> Person?
    /// Sets the login method (only ``LoginCredential`` does, with the credentials to match).
    func setLoginMethod(_ method: LoginMethod, of person: PersonID) async throws

    /// Inserts an invited person whose address belongs to someone else (``Invitations``) without
    /// holding the address: nobody signs in as them, and the address stays its owner's. False when
    /// their contract already has such an invitation of the address.
    func insertWithoutAddress(_ person: Person) async throws -> Bool
    /// Whether `contract` has an invited person inserted ``insertWithoutAddress(_:)`` for `email`.
    func hasInvitationWithoutAddress(_ email: EmailAddress, in contract: ContractID) async throws -> Bool
    /// Makes a person inserted ``insertWithoutAddress(_:)`` hold their address, unless someone holds it.
    func claimAddress(of person: Person) async throws -> Bool
}

public protocol PasswordRepository: Sendable {
    func set(_ phcString: String, for person: PersonID, at now: Date) async throws
    func hash(for person: PersonID) async throws -> String?
    /// Removes the password (the person signs in with a provider from now on).
    func remove(for person: PersonID) async throws
}

public protocol SessionRepository: Sendable {
    func insert(_ session: SessionRecord) async throws
    func find(_ digest: TokenDigest) async throws -> SessionRecord?
    /// The session with its person and their contract (`nil` before sign-in, or when the person is
    /// gone), read together.
    func findWithAccount(_ digest: TokenDigest) async throws -> (session: SessionRecord, account: Account?)?
    func touch(_ digest: TokenDigest, at now: Date) async throws
    /// Every session of the person, the most recently used first.
    func list(of person: PersonID) async throws -> [SessionRecord]
    /// Deletes the session; `false` when it was already gone. Of two concurrent deletes exactly one
    /// gets `true`, which makes the deletion of a partial session the guard of its completion.
    @discardableResult
    func delete(_ digest: TokenDigest) async throws -> Bool
    /// Moves the session to `stage` with its two-step state (see ``SessionRecord``).
    func update(_ session: SessionRecord) async throws
    /// Ends every session of the person but `kept` (password reset, removal; a password change keeps
    /// the session it was made in); returns how many.
    @discardableResult
    func deleteAll(of person: PersonID, except kept: TokenDigest?) async throws -> Int
    /// Ends the sessions of every person of the contract but `kept` (「解約」, an admin's
    /// 「全員のログインを終了」); returns how many.
    func deleteAll(inContract contract: ContractID, except kept: TokenDigest?) async throws -> Int
    /// Removes sessions idle since before `idleCutoff` or created before `absoluteCutoff`.
    func deleteExpired(idleCutoff: Date, absoluteCutoff: Date) async throws -> Int
}

extension SessionRepository {
    @discardableResult
    public func deleteAll(of person: PersonID) async throws -> Int {
        try await deleteAll(of: person, except: nil)
    }
}

public protocol TicketRepository: Sendable {
    /// Stores a new ticket and voids older unused ones of the same purpose and void key.
    func issue(_ ticket: MailTicket) async throws
    /// The ticket when it exists, has this purpose, is unused and unexpired; does not use it.
    func findUsable(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket?
    /// Marks the ticket used in one statement and returns it, or `nil` when it was not usable.
    /// Of two concurrent calls for one ticket exactly one gets it.
    func consume(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket?
    /// Voids every unused ticket of `purposes` for `voidKey` (a password reset kills unlock and reset links).
    func voidAll(_ purposes: [TicketPurpose], voidKey: String, at now: Date) async throws
    /// Voids every unused ticket of the contract's people (「解約」).
    func voidAll(inContract contract: ContractID, at now: Date) async throws
    /// Deletes tickets that expired before `cutoff`.
    func deleteExpired(before cutoff: Date) async throws -> Int
}

public protocol ApplicationRepository: Sendable {
    func insert(_ application: ContractApplication) async throws
    func find(_ id: ApplicationID) async throws -> ContractApplication?
    func delete(_ id: ApplicationID) async throws
    /// Deletes applications whose link can no longer be used.
    func deleteCreated(before cutoff: Date) async throws -> Int
}

public protocol OutboxRepository: Sendable {
    func enqueue(_ mail: OutgoingMail, messageID: String, at now: Date) async throws
    func enqueue(_ sms: OutgoingSMS, messageID: String, at now: Date) async throws
}

public protocol AuditRepository: Sendable {
    func append(_ event: AuditEvent) async throws
    /// The newest events first, optionally only one person's.
    func recent(limit: Int, person: PersonID?) async throws -> [AuditRecord]
    /// One contract's events, newest first, filtered and after the query's cursor; up to `limit + 1`.
    func page(_ contract: ContractID, query: AuditQuery) async throws -> [AuditRecord]
}

/// The outbox as the delivery worker sees it: claim due messages, report each outcome.
public protocol OutboxQueue: Sendable {
    /// Leases up to `limit` undelivered messages that are due, so no other worker takes them until
    /// `leaseUntil`.
    func claimDue(now: Date, limit: Int, leaseUntil: Date) async throws -> [QueuedMessage]
    func markDelivered(_ id: Int64, at now: Date) async throws
    func markFailed(_ id: Int64, error: String, retryAt: Date) async throws
    /// The newest messages first, delivered or not (the development mailbox).
    func recent(limit: Int) async throws -> [QueuedMessage]
    func find(_ id: Int64) async throws -> QueuedMessage?
}
