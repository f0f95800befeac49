import Foundation

/// The password asked again inside a signed-in session: 「パスワード変更」, the check before an email
/// change when the sign-in is not recent, and 「解約」. It is a guess like any other, so it goes through
/// the sign-in's lock and throttle, and a wrong one counts towards the lock.
struct CurrentPassword: Sendable {
    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let lock: AccountLock

    init(store: any Store, clock: any WallClock, hasher: PasswordHasher, lockout: LockoutPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.lock = AccountLock(policy: lockout, settings: settings)
    }

    /// Returns when `password` is the person's. Throws ``FormErrors`` on `field` (required, or
    /// ``FieldProblem/wrongCurrentPassword`` after auditing `failure`), ``AccountLocked`` or
    /// ``ClientThrottled``.
    func verify(_ password: String?, of person: Person, field: String, failure: AuditEventKind, client: ClientInfo) async throws {
        guard let password, !password.isEmpty else { throw FormErrors([field: .required]) }
        try await lock.requireAdmission(person.email, client: client, now: clock.now(), in: store)
        let matches: Bool
        do {
            let stored = try await store.read { tx in try await tx.passwords.hash(for: person.id) }
            matches = try await hasher.verify(password, against: stored)
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
                    kind: failure, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
                return try await lock.failed(person.email, person: person, client: client, now: now, in: tx)
            }
            if locked { throw AccountLocked() }
            throw FormErrors([field: .wrongCurrentPassword])
        }
        // A right password clears the failure count, as at sign-in, unless parallel wrong ones
        // locked the email meanwhile.
        let open = try await store.transaction { tx in try await tx.signInFailures.clearUnlessLocked(person.email.normalized) }
        guard open else { throw AccountLocked() }
    }
}
