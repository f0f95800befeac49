public import Foundation

/// Sensitive changes need a recent sign-in: otherwise the password and a code of the person's
/// two-step method are asked again first (full re-authentication; Google and Facebook people sign in
/// with their provider again). A session's `createdAt` is when its person last proved who they are:
/// sign-in and two-step each make a new session, and so does ``confirm``.
///
/// What needs it (the step-up of ASVS 7.5.1–7.5.3): the contractor's email change (STANDARDS: within
/// 10 minutes), cancellation, the access route and "keep two-step on reset" in the contract menu; in
/// the admin console every change that grants, moves, resets or takes away access
/// (``Store/sensitiveAdminChange(by:at:_:)``); ending one's own other sessions; and 「2段階認証を登録し
/// 直す」. Changes that only help a person back in (unlock, a reset mail, resending an invitation) do not.
public struct RecentSignIn: Sendable {
    public static let window: TimeInterval = 600
    public static let field = "password"
    public static let codeField = TwoStepVerification.Field.code

    let store: any Store
    let clock: any WallClock
    let currentPassword: CurrentPassword
    let twoStep: TwoStepVerification

    public init(
        store: any Store, clock: any WallClock, hasher: PasswordHasher, settings: ServiceSettings, twoStep: TwoStepVerification,
        lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.currentPassword = CurrentPassword(
            store: store, clock: clock, hasher: hasher, lockout: lockout, settings: settings)
        self.twoStep = twoStep
    }

    public func isRecent(_ session: ActiveSession) -> Bool {
        Self.isRecent(session.record.createdAt, at: clock.now())
    }

    /// Throws ``RecentSignInRequired`` unless `session` was created within the window before `now`.
    public static func require(_ session: ActiveSession, at now: Date) throws {
        guard isRecent(session.record.createdAt, at: now) else { throw RecentSignInRequired() }
    }

    /// Throws ``RecentSignInRequired`` unless `account` was proven within the window: the check a
    /// page makes before showing the form of a sensitive change.
    public func require(_ account: Account) throws {
        try Self.require(account, at: clock.now())
    }

    /// Throws ``RecentSignInRequired`` unless `account` was read from a session its person proved
    /// within the window before `now`.
    public static func require(_ account: Account, at now: Date) throws {
        guard isRecent(account.provedAt, at: now) else { throw RecentSignInRequired() }
    }

    private static func isRecent(_ proved: Date, at now: Date) -> Bool {
        now.timeIntervalSince(proved) < window
    }

    /// What proves the second factor beside the password.
    public enum SecondFactor: Sendable {
        /// A code of the person's method (none is asked without a confirmed registration).
        case code(String?)
        /// A registered security key's answer to the challenge of the step-up page.
        case securityKey(SecurityKeyAssertion?)
    }

    /// The password and a code of the person's two-step method again.
    public func confirm(_ session: ActiveSession, password: String?, code: String?, client: ClientInfo) async throws -> SecretToken {
        try await confirm(session, password: password, secondFactor: .code(code), client: client)
    }

    /// The password and, with a confirmed two-step registration, the second factor again: the
    /// session is replaced by a new one (a new id, ASVS 7.2.4) created now, whose token goes into the
    /// cookie. Throws ``ContractMenuRefused`` without a signed-in person, ``FormErrors``,
    /// ``AccountLocked``, ``ClientThrottled``, ``TwoStepRejected``, ``SecurityKeyRejected`` or
    /// ``TwoStepThrottled``.
    public func confirm(
        _ session: ActiveSession, password: String?, secondFactor: SecondFactor, client: ClientInfo
    ) async throws -> SecretToken {
        guard session.isSignedIn, let person = session.account?.person else { throw ContractMenuRefused() }
        try await currentPassword.verify(password, of: person, field: Self.field, failure: .reauthenticationFailed, client: client)
        switch secondFactor {
        case .code(let code):
            try await twoStep.takeStepUpCode(code, session: session, person: person, client: client)
        case .securityKey(let answer):
            try await twoStep.takeSecurityKeyAnswer(answer, purpose: .stepUp, session: session, person: person, client: client)
        }
        let now = clock.now()
        let token = SecretToken.generate()
        // The new session keeps what bound the old one: a session opened over a line stays a line
        // session, which works over a registered line only (SPEC D2).
        let renewed = SessionRecord(
            digest: token.digest, personID: person.id, stage: session.record.stage, scope: session.record.scope,
            createdAt: now, lastSeenAt: now, line: session.record.line, browser: session.record.browser)
        try await store.transaction { tx in
            guard try await tx.sessions.delete(session.record.digest) else { throw ContractMenuRefused() }
            try await tx.sessions.insert(renewed)
            try await tx.audit.append(AuditEvent(
                kind: .reauthenticated, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "scope=\(renewed.scope.rawValue)"))
        }
        return token
    }
}

/// The person must prove who they are again first: the password, or the provider's sign-in.
public struct RecentSignInRequired: Error, Sendable, Equatable {
    public init() {}
}
