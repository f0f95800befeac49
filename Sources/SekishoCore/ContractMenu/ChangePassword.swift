/// 「パスワード変更」 (SPEC G1): the current password, then the new one twice. The current password goes
/// through the same lock and throttle as a sign-in (it is a password guess like any other). In one
/// transaction the password is replaced, the email's failure counts cleared, remembered browsers
/// forgotten, every other session of the person ended, and a notice mailed; the session it was made
/// in stays.
public struct ChangePassword: Sendable {
    public enum Field {
        public static let current = "current_password"
        public static let password = NewPassword.field
        public static let confirmation = NewPassword.confirmationField
    }

    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let settings: ServiceSettings
    let lock: AccountLock

    public init(
        store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings,
        lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
        self.lock = AccountLock(policy: lockout, settings: settings)
    }

    /// Throws ``ContractMenuRefused``, ``FormErrors`` (a wrong current password is
    /// ``FieldProblem/wrongCurrentPassword``), ``AccountLocked`` or ``ClientThrottled``.
    public func execute(
        in session: ActiveSession, current: String?, password: String?, confirmation: String?, client: ClientInfo
    ) async throws {
        guard let account = session.account else { throw ContractMenuRefused() }
        try ContractMenu.require(.passwordChange, for: account)
        let person = account.person
        guard let current, !current.isEmpty else { throw FormErrors([Field.current: .required]) }
        // The new password is checked first: a typo there costs no guess of the current one.
        let hash = try await NewPassword.hash(password, confirmation: confirmation, email: person.email, policy: policy, hasher: hasher)
        try await lock.requireAdmission(person.email, client: client, now: clock.now(), in: store)
        let matches: Bool
        do {
            let stored = try await store.read { tx in try await tx.passwords.hash(for: person.id) }
            matches = try await hasher.verify(current, against: stored)
        } catch {
            // No answer about the password: the attempt must not count towards the lock.
            try? await store.transaction { tx in try await tx.signInFailures.release(person.email.normalized) }
            throw error
        }
        let now = clock.now()
        guard matches else {
            let lock = self.lock
            let locked = try await store.transaction { tx in
                try await tx.audit.append(AuditEvent(
                    kind: .passwordChangeFailed, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
                return try await lock.failed(person.email, person: person, client: client, now: now, in: tx)
            }
            if locked { throw AccountLocked() }
            throw FormErrors([Field.current: .wrongCurrentPassword])
        }
        let settings = self.settings
        try await store.transaction { tx in
            try await tx.passwords.set(hash, for: person.id, at: now)
            _ = try await tx.signInFailures.unlock(person.email.normalized)
            let browsers = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            let sessions = try await tx.sessions.deleteAll(of: person.id, except: session.record.digest)
            try await tx.tickets.voidAll([.unlock, .passwordReset], voidKey: person.id.rawValue, at: now)
            try await tx.audit.append(AuditEvent(
                kind: .passwordChanged, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "sessions_ended=\(sessions),browsers_forgotten=\(browsers)"))
            let notice = RecoveryMails(settings: settings).passwordChanged(person, at: now, client: client, twoStepReset: false)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
        }
    }
}
