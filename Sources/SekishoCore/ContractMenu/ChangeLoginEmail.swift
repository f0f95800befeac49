import Foundation

/// 「ログイン方法の設定」 (SPEC F1–F4, F6, F7): the contractor's new email, twice, and 「メール送信」.
/// The link in 【コーデックストレージ】メールアドレス変更登録 completes the change like an admin's
/// (``EmailChange``). Only on the basic plan, and only after a recent sign-in (``RecentSignIn``).
///
/// An address that already has an account gets a notice instead of a link, and the page is the same
/// either way, so the form tells nobody which addresses are registered.
public struct ChangeLoginEmail: Sendable {
    public enum Field {
        public static let email = "email"
        public static let confirmation = "email_confirmation"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Whether the form may be shown: throws ``ContractMenuRefused`` (not the contractor),
    /// ``LoginEmailChangeRefused/freeTrial`` or ``RecentSignInRequired``.
    public func requireAvailable(in session: ActiveSession) throws {
        guard let account = session.account else { throw ContractMenuRefused() }
        try ContractMenu.require(.loginMethod, for: account)
        guard ContractMenu.planAllows(.loginMethod, for: account) else { throw LoginEmailChangeRefused.freeTrial }
        try RecentSignIn.require(session, at: clock.now())
    }

    /// 「メール送信」. Throws like ``requireAvailable(in:)``, or ``FormErrors``.
    public func request(in session: ActiveSession, email raw: String?, confirmation: String?, client: ClientInfo) async throws {
        try requireAvailable(in: session)
        guard let person = session.account?.person else { throw ContractMenuRefused() }
        var errors = FormErrors()
        let email = ApplicationForm.email(raw, field: Field.email, errors: &errors)
        if let email {
            if EmailAddress(parsing: confirmation ?? "")?.normalized != email.normalized {
                errors.add(.emailMismatch, for: Field.confirmation)
            } else if email.normalized == person.email.normalized {
                errors.add(.emailUnchanged, for: Field.email)
            }
        }
        try errors.throwIfAny()
        guard let email else { throw errors }
        let now = clock.now()
        let settings = self.settings
        try await store.transaction { tx in
            try await tx.mailEmailChange(person, to: email, settings: settings, now: now)
            // The same event either way: the contract's audit log must not tell either.
            try await tx.audit.append(AuditEvent(
                kind: .emailChangeRequested, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "to=\(email.normalized),by=self"))
        }
    }
}

/// Why 「ログイン方法の設定」 cannot be used now.
public enum LoginEmailChangeRefused: Error, Sendable, Equatable {
    /// The manual: on a free trial the contractor's email cannot be changed.
    case freeTrial
}
