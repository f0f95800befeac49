import Foundation

/// 「パスワードを忘れた方はこちら」 (SPEC H4, H6): mails a reset link to a password account, a reminder
/// to use the provider to a Google or Facebook account, and nothing to an email without an account.
/// The caller's answer is the same in every case; only the mailbox tells.
public struct RequestPasswordReset: Sendable {
    public enum Field {
        public static let email = "email"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings
    let lockout: LockoutPolicy

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings, lockout: LockoutPolicy = LockoutPolicy()) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.lockout = lockout
    }

    /// Throws ``FormErrors`` for a missing or malformed email and ``ClientThrottled`` for an address
    /// that failed too many sign-ins. Beyond the mail limits per email and per address the request
    /// is answered the same but sends nothing.
    public func execute(email rawEmail: String?, client: ClientInfo) async throws {
        var errors = FormErrors()
        let email = ApplicationForm.email(rawEmail, field: Field.email, errors: &errors)
        try errors.throwIfAny()
        guard let email else { throw errors }
        let now = clock.now()
        let (policy, settings) = (lockout, self.settings)
        let lock = AccountLock(policy: policy, settings: settings)
        let throttledUntil = try await store.transaction { tx -> Date? in
            if let until = try await lock.throttledUntil(client, now: now, in: tx) {
                try await tx.audit.append(AuditEvent(
                    kind: .requestThrottled, occurredAt: now, email: email.normalized, client: client, detail: "password_reset"))
                return until
            }
            let perEmail = try await tx.rateLimits.hit(LockoutPolicy.resetEmailKey(email), window: policy.resetMailWindow, now: now)
            let perAddress = try await tx.rateLimits.hit(
                LockoutPolicy.resetAddressKey(client.address), window: policy.addressWindow, now: now)
            let person = try await tx.people.find(email: email)
            try await tx.audit.append(AuditEvent(
                kind: .passwordResetRequested, occurredAt: now, personID: person?.id, contractID: person?.contractID,
                email: email.normalized, client: client))
            guard perEmail.hits <= policy.resetMailsPerEmail, perAddress.hits <= policy.resetRequestsPerAddress else {
                try await tx.audit.append(AuditEvent(
                    kind: .requestThrottled, occurredAt: now, personID: person?.id, contractID: person?.contractID,
                    email: email.normalized, client: client, detail: "password_reset_mail"))
                return nil
            }
            guard let person else { return nil }
            let mails = RecoveryMails(settings: settings)
            switch person.loginMethod {
            case .password:
                let link = try await tx.issueTicket(
                    .passwordReset, subject: person.id.rawValue, voidKey: person.id.rawValue, path: "/lo/reset",
                    settings: settings, now: now)
                try await tx.outbox.enqueue(mails.reset(person, link: link), messageID: settings.newMessageID(), at: now)
            case .google, .facebook:
                try await tx.outbox.enqueue(mails.signInWithProvider(person), messageID: settings.newMessageID(), at: now)
            }
            return nil
        }
        if let throttledUntil { throw ClientThrottled(retryAt: throttledUntil) }
    }
}
