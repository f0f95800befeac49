/// Email and password sign-in (SPEC B2, B3, B5, H1). A wrong email and a wrong password end the same
/// way and take the same time: an unknown email is verified against a dummy hash and locks the same
/// way. A right password gives a partial session that must pass two-step verification, unless the
/// browser is remembered.
public struct SignIn: Sendable {
    public enum Field {
        public static let email = "email"
        public static let password = "password"
    }

    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let twoStep: TwoStepPolicy
    let lock: AccountLock
    let settings: ServiceSettings

    public init(
        store: any Store, clock: any WallClock, hasher: PasswordHasher, settings: ServiceSettings,
        twoStep: TwoStepPolicy = TwoStepPolicy(), lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.twoStep = twoStep
        self.lock = AccountLock(policy: lockout, settings: settings)
        self.settings = settings
    }

    /// Checks the credentials and, on success, replaces the pre-sign-in session `previous` with a new
    /// one (a new id at every sign-in, ASVS 7.2.4): signed in when `browser` is a remembered browser of
    /// this person, otherwise at ``SessionStage/twoStep``. `scope` is where the session may go: the
    /// contract menu's sign-in asks for its own.
    ///
    /// Over a registered line, the line replaces two-step verification (SPEC D2, ``LineAccess``).
    ///
    /// Throws ``FormErrors``, ``SignInRejected``, ``AccountLocked``, ``ClientThrottled``, ``ContractClosed``
    /// or ``LineAccessRefused``.
    public func execute(
        email rawEmail: String?, password rawPassword: String?, previous: TokenDigest?, browser: SecretToken? = nil,
        scope: SessionScope = .portal, client: ClientInfo
    ) async throws -> SignedIn {
        var errors = FormErrors()
        let email = ApplicationForm.email(rawEmail, field: Field.email, errors: &errors)
        let password = rawPassword ?? ""
        if password.isEmpty { errors.add(.required, for: Field.password) }
        try errors.throwIfAny()
        guard let email else { throw errors }

        try await lock.requireAdmission(email, client: client, now: clock.now(), in: store)
        let candidate: SignInCandidate?
        let matches: Bool
        do {
            candidate = try await store.read { tx -> SignInCandidate? in
                guard let person = try await tx.people.find(email: email),
                      let contract = try await tx.contracts.find(person.contractID)
                else { return nil }
                return SignInCandidate(account: Account(person: person, contract: contract), hash: try await tx.passwords.hash(for: person.id))
            }
            matches = try await hasher.verify(password, against: candidate?.hash)
        } catch {
            // No answer about the password (the hashing queue is full, the database went away): the
            // attempt must not count towards the lock.
            try? await store.transaction { tx in try await tx.signInFailures.release(email.normalized) }
            throw error
        }
        let now = clock.now()
        guard matches, let candidate, candidate.account.person.loginMethod == .password, candidate.account.person.status == .active
        else {
            let lock = self.lock
            let locked = try await store.transaction { tx in
                try await tx.audit.append(AuditEvent(
                    kind: .signInFailed, occurredAt: now, personID: candidate?.account.person.id,
                    contractID: candidate?.account.contract.id, email: email.normalized, client: client))
                return try await lock.failed(email, person: candidate?.account.person, client: client, now: now, in: tx)
            }
            if locked { throw AccountLocked() }
            throw SignInRejected()
        }
        if let closure = candidate.account.contract.closure(for: candidate.account.person, scope: scope, at: now) {
            try await store.transaction { tx in
                // The password was right: the failure counts go, as on any right password.
                _ = try await tx.signInFailures.clearUnlessLocked(email.normalized)
                try await tx.audit.append(AuditEvent(
                    kind: closure == .cancelled ? .signInRefusedCancelled : .signInRefusedTrialEnded, occurredAt: now, personID: candidate.account.person.id,
                    contractID: candidate.account.contract.id, client: client, detail: "scope=\(scope.rawValue)"))
            }
            throw closure
        }
        // Recomputed before the transaction: a slow hash must not hold the database's write lock.
        var rehashed: String?
        if let stored = candidate.hash, hasher.needsRehash(stored) {
            rehashed = try await hasher.hash(password).phcString
        }
        let token = SecretToken.generate()
        let person = candidate.account.person
        let newHash = rehashed
        let policy = twoStep
        let stage = try await store.transaction { tx -> SessionStage? in
            // Parallel wrong attempts may have locked the email while this password was being checked.
            guard try await tx.signInFailures.clearUnlessLocked(email.normalized) else {
                try await tx.audit.append(AuditEvent(
                    kind: .signInRefusedLocked, occurredAt: now, personID: person.id, contractID: person.contractID,
                    email: email.normalized, client: client))
                return nil
            }
            let line = try await LineAccess.signIn(candidate.account, scope: scope, arrival: client.arrival, pathway: .signIn, in: tx)
            let remembered = line == .internet
                ? try await RememberedBrowsers.admits(browser, person: person.id, policy: policy, in: tx, now: now) : false
            let stage = line.stage(secondStepDone: remembered)
            if let previous { try await tx.sessions.delete(previous) }
            try await tx.sessions.insert(SessionRecord(
                digest: token.digest, personID: person.id, stage: stage, scope: scope, createdAt: now, lastSeenAt: now, line: line.number,
                browser: BrowserLabel.from(userAgent: client.userAgent)))
            if let newHash { try await tx.passwords.set(newHash, for: person.id, at: now) }
            let secondStep = line.auditDetail ?? (remembered ? "two_step=remembered_browser" : nil)
            let detail = (["method=password"] + (secondStep.map { [$0] } ?? []) + ["scope=\(scope.rawValue)"]).joined(separator: ",")
            if stage == .signedIn {
                try await tx.signInCompleted(person, detail: detail, client: client, settings: settings, now: now)
            } else {
                try await tx.audit.append(AuditEvent(
                    kind: .signInPasswordAccepted, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                    detail: detail))
            }
            return stage
        }
        guard let stage else { throw AccountLocked() }
        return SignedIn(token: token, account: candidate.account, stage: stage)
    }
}

private struct SignInCandidate: Sendable {
    let account: Account
    let hash: String?
}

/// The outcome of a right password: the new session's token for the cookie, and how far it got.
public struct SignedIn: Sendable {
    public let token: SecretToken
    public let account: Account
    /// ``SessionStage/signedIn``, or ``SessionStage/twoStep`` when two-step verification comes next.
    public let stage: SessionStage
}

/// Wrong email or wrong password: deliberately one case.
public struct SignInRejected: Error, Sendable, Equatable {
    public init() {}
}
