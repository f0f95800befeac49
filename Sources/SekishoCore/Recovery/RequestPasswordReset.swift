import Foundation

/// 「パスワードを忘れた方はこちら」 (SPEC H4, H6): records the request for ``DeliverPasswordResets``. The
/// statements run here are the same whether or not the email has an account, so the answer is the
/// same page in the same time; only the mailbox tells.
public struct RequestPasswordReset: Sendable {
    public enum Field {
        public static let email = "email"
    }

    let store: any Store
    let clock: any WallClock
    let lockout: LockoutPolicy

    public init(store: any Store, clock: any WallClock, lockout: LockoutPolicy = LockoutPolicy()) {
        self.store = store
        self.clock = clock
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
        let policy = lockout
        let throttledUntil = try await store.transaction { tx -> Date? in
            if let until = try await policy.throttledUntil(client, now: now, in: tx) {
                try await tx.audit.append(AuditEvent(
                    kind: .requestThrottled, occurredAt: now, email: email.normalized, client: client, detail: "password_reset"))
                return until
            }
            let perEmail = try await tx.rateLimits.hit(LockoutPolicy.resetEmailKey(email), window: policy.resetMailWindow, now: now)
            let perAddress = try await tx.rateLimits.hit(
                LockoutPolicy.resetAddressKey(client.address), window: policy.addressWindow, now: now)
            guard perEmail.hits <= policy.resetMailsPerEmail, perAddress.hits <= policy.resetRequestsPerAddress else {
                try await tx.audit.append(AuditEvent(
                    kind: .requestThrottled, occurredAt: now, email: email.normalized, client: client, detail: "password_reset_mail"))
                return nil
            }
            try await tx.passwordResetRequests.enqueue(email: email, client: client, at: now)
            return nil
        }
        if let throttledUntil { throw ClientThrottled(retryAt: throttledUntil) }
    }
}
