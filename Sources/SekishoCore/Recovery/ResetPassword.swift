/// The reset link of 【コーデックストレージ】パスワードリセット (SPEC H4, H5, I1): the new password twice,
/// then in one transaction the password is replaced, the account unlocked, the two-step registration
/// reset (unless the contract keeps it), remembered browsers forgotten, every session of the person
/// ended, the person's unlock and reset links voided, and a notice mailed. Nobody is signed in.
public struct ResetPassword: Sendable {
    public enum Field {
        public static let password = NewPassword.field
        public static let confirmation = NewPassword.confirmationField
    }

    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
    }

    /// The person a usable reset ticket is for, without using it. Throws ``TicketRejected`` or
    /// ``LineAccessRefused``.
    public func preview(ticket text: String?, client: ClientInfo) async throws -> Person {
        let now = clock.now()
        return try await store.read { tx in
            let person = try await tx.person(named: try await tx.usableTicket(text, purpose: .passwordReset, now: now), over: client)
            guard person.loginMethod == .password else { throw TicketRejected() }
            return person
        }
    }

    /// Throws ``TicketRejected`` or ``FormErrors`` (the ticket stays usable then).
    @discardableResult
    public func execute(ticket text: String?, password: String?, confirmation: String?, client: ClientInfo) async throws -> PasswordResetDone {
        let person = try await preview(ticket: text, client: client)
        // Hashed before the transaction: a slow hash must not hold the database's write lock.
        let hash = try await NewPassword.hash(password, confirmation: confirmation, email: person.email, policy: policy, hasher: hasher)
        let now = clock.now()
        let settings = self.settings
        return try await store.transaction { tx in
            // Consuming decides: of two submissions of one link exactly one gets here.
            let person = try await tx.person(named: try await tx.consumeTicket(text, purpose: .passwordReset, now: now), over: client)
            guard person.loginMethod == .password, let contract = try await tx.contracts.find(person.contractID) else {
                throw TicketRejected()
            }
            try await tx.passwords.set(hash, for: person.id, at: now)
            let wasLocked = try await tx.signInFailures.unlock(person.email.normalized)
            let resetsTwoStep = !contract.keepsTwoStepOnPasswordReset
            if resetsTwoStep { try await tx.twoStep.delete(person.id) }
            let browsers = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            let sessions = try await tx.sessions.deleteAll(of: person.id)
            try await tx.tickets.voidAll([.unlock, .passwordReset], voidKey: person.id.rawValue, at: now)
            try await tx.audit.append(AuditEvent(
                kind: .passwordResetCompleted, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "two_step=\(resetsTwoStep ? "reset" : "kept"),sessions_ended=\(sessions),browsers_forgotten=\(browsers)"))
            if wasLocked {
                try await tx.audit.append(AuditEvent(
                    kind: .accountUnlocked, occurredAt: now, personID: person.id, contractID: person.contractID,
                    client: client, detail: "by=reset"))
            }
            let notice = RecoveryMails(settings: settings).passwordChanged(person, at: now, client: client, twoStepReset: resetsTwoStep)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
            return PasswordResetDone(twoStepReset: resetsTwoStep)
        }
    }
}

/// A completed reset, for the completion page.
public struct PasswordResetDone: Sendable, Equatable {
    /// The next sign-in enrols two-step verification again.
    public let twoStepReset: Bool
}
