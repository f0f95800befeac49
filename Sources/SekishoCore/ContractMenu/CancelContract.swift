public import Foundation

/// 「解約」 (SPEC J4): the contractor ticks that they understand what happens and enters the password
/// again (a Google or Facebook contractor, who has none, must have signed in within
/// ``RecentSignIn/window`` instead). Then, in one transaction, the contract is cancelled, every session of its people ends, their
/// mail links die, and the contractor is mailed a confirmation. Sign-in afterwards says the contract
/// was cancelled (``ContractClosed/cancelled``); ``PurgeCancelledContracts`` erases the data after
/// ``ServiceSettings/cancellationRetention``.
public struct CancelContract: Sendable {
    public enum Field {
        public static let password = "password"
        /// The box 「上記の内容を確認し、解約に同意します」: its value must be `yes`.
        public static let confirmation = "confirm"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings
    let currentPassword: CurrentPassword

    public init(
        store: any Store, clock: any WallClock, hasher: PasswordHasher, settings: ServiceSettings, lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.currentPassword = CurrentPassword(
            store: store, clock: clock, hasher: hasher, lockout: lockout, settings: settings)
    }

    /// When the data would be erased if the contract were cancelled now, for the explanation page.
    public func erasureDateIfCancelledNow() -> Date {
        clock.now().addingTimeInterval(settings.cancellationRetention)
    }

    /// Throws ``ContractMenuRefused``, ``FormErrors`` (the box not ticked, the password missing or
    /// wrong), ``AccountLocked``, ``ClientThrottled``, ``RecentSignInRequired`` (a provider contractor
    /// whose sign-in is too old), or ``ContractClosed/cancelled`` when another request cancelled it first.
    public func execute(in session: ActiveSession, password: String?, confirmation: String?, client: ClientInfo) async throws {
        guard let account = session.account else { throw ContractMenuRefused() }
        try ContractMenu.require(.cancellation, for: account)
        // The box first: forgetting it costs no guess of the password.
        guard confirmation == "yes" else { throw FormErrors([Field.confirmation: .notConfirmed]) }
        let contractor = account.person
        if contractor.loginMethod == .password {
            try await currentPassword.verify(password, of: contractor, field: Field.password, failure: .contractCancelFailed, client: client)
        } else {
            try RecentSignIn.require(session, at: clock.now())
        }
        let now = clock.now()
        let erasure = now.addingTimeInterval(settings.cancellationRetention)
        let settings = self.settings
        try await store.transaction { tx in
            guard try await tx.contracts.cancel(account.contract.id, at: now) else { throw ContractClosed.cancelled }
            let sessions = try await tx.sessions.deleteAll(inContract: account.contract.id, except: nil)
            try await tx.tickets.voidAll(inContract: account.contract.id, at: now)
            try await tx.audit.append(AuditEvent(
                kind: .contractCancelled, occurredAt: now, personID: contractor.id, contractID: account.contract.id, client: client,
                detail: "sessions_ended=\(sessions),erase_after=\(erasure.unixSeconds)"))
            let mail = ContractMenuMails(settings: settings).cancelled(
                contractor, contractName: account.contract.name, at: now, erasedAfter: erasure)
            try await tx.outbox.enqueue(mail, messageID: settings.newMessageID(), at: now)
        }
    }
}
