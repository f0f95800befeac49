/// 「パスワード変更」 (SPEC G1): the current password (``CurrentPassword``), then the new one twice. In
/// one transaction the password is replaced, remembered browsers forgotten, every other session of
/// the person ended, and a notice mailed; the session it was made in stays.
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
    let currentPassword: CurrentPassword

    public init(
        store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings,
        lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
        self.currentPassword = CurrentPassword(
            store: store, clock: clock, hasher: hasher, lockout: lockout, settings: settings)
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
        try await currentPassword.verify(current, of: person, field: Field.current, failure: .passwordChangeFailed, client: client)
        let now = clock.now()
        let settings = self.settings
        try await store.transaction { tx in
            try await tx.passwords.set(hash, for: person.id, at: now)
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
