import Foundation

/// Two-step verification of a partial session (SPEC B3, C1–C6, I2): what the session must do next,
/// and the steps that complete it. The methods live in the extensions `+Authenticator`, `+SMS` and
/// `+Recovery`; this file holds what they share.
public struct TwoStepVerification: Sendable {
    public enum Field {
        public static let code = "code"
        public static let phone = "phone"
        public static let recoveryCode = "recovery_code"
        public static let saved = "saved"
        public static let remember = "remember"
    }

    let store: any Store
    let clock: any WallClock
    let box: SecretBox
    public let policy: TwoStepPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, box: SecretBox, policy: TwoStepPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.box = box
        self.policy = policy
        self.settings = settings
    }

    /// What the two-step page shows to `session`.
    public func prompt(for session: ActiveSession) async throws -> TwoStepPrompt {
        let person = try partialPerson(session)
        if session.record.stage == .recoveryCode {
            return .saveRecoveryCode(try pendingRecoveryCode(session, person: person))
        }
        return try await store.read { tx in
            guard let registration = try await tx.twoStep.find(person.id), registration.isConfirmed else { return .chooseMethod }
            switch registration.method {
            case .authenticator: return .authenticatorCode
            case .sms: return .smsCode
            }
        }
    }

    /// The person of a session at ``SessionStage/twoStep`` or ``SessionStage/recoveryCode``.
    func partialPerson(_ session: ActiveSession, stage: SessionStage? = nil) throws -> Person {
        guard session.record.stage.isInTwoStep, let person = session.account?.person,
              stage == nil || session.record.stage == stage
        else { throw TwoStepOutOfOrder() }
        return person
    }

    func pendingRecoveryCode(_ session: ActiveSession, person: Person) throws -> RecoveryCode {
        guard let sealed = session.record.pendingSecret,
              let text = try? box.open(sealed, context: Self.recoveryContext(session)),
              let code = RecoveryCode(typed: String(decoding: text, as: UTF8.self))
        else { throw TwoStepOutOfOrder() }
        return code
    }

    static func recoveryContext(_ session: ActiveSession) -> String { "recovery:\(session.record.digest.hex)" }

    /// Counts one attempt against the person's code throttle in its own committed transaction (so a
    /// wrong code cannot roll it back) and refuses once the window is full. The first refusal of a
    /// window is audited and mailed to the person (ASVS 6.3.5): someone who had the password failed
    /// the second step.
    func countAttempt(_ person: Person, client: ClientInfo) async throws {
        let now = clock.now()
        let window = try await store.transaction { tx in
            try await tx.rateLimits.hit(TwoStepPolicy.failureKey(person.id), window: policy.failureWindow, now: now)
        }
        guard window.hits <= policy.maxFailures else {
            if window.hits == policy.maxFailures + 1 {
                let notice = TwoStepMails(settings: settings).throttled(person, at: now, client: client)
                try await store.transaction { [settings] tx in
                    try await tx.audit.append(AuditEvent(
                        kind: .twoStepThrottled, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
                    try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
                }
            }
            throw TwoStepThrottled(retryAt: window.startedAt.addingTimeInterval(policy.failureWindow))
        }
    }

    func audit(_ kind: AuditEventKind, _ person: Person, client: ClientInfo, at now: Date, detail: String? = nil) async throws {
        try await store.transaction { tx in
            try await tx.audit.append(AuditEvent(
                kind: kind, occurredAt: now, personID: person.id, contractID: person.contractID, client: client, detail: detail))
        }
    }

    /// A wrong code: audited, then refused.
    func reject(_ reason: TwoStepRejected, _ person: Person, client: ClientInfo) async throws -> Never {
        try await audit(.twoStepCodeFailed, person, client: client, at: clock.now(), detail: "reason=\(reason.rawValue)")
        throw reason
    }

    /// After a correct code: a first registration shows its recovery code; a registration whose
    /// recovery code was never saved gets a new one to save; otherwise sign-in completes.
    func completeAfterCode(
        _ session: ActiveSession, person: Person, registration: TwoStepRegistration, remember: Bool, client: ClientInfo,
        in tx: any StoreTransaction, now: Date
    ) async throws -> TwoStepOutcome {
        var registration = registration
        try await tx.rateLimits.reset(TwoStepPolicy.failureKey(person.id))
        if !registration.isConfirmed {
            registration.confirmedAt = now
            try await tx.audit.append(AuditEvent(
                kind: .twoStepEnrolled, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "method=\(registration.method.rawValue)"))
            let notice = TwoStepMails(settings: settings).enrolled(person, method: registration.method, at: now, client: client)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
        }
        if registration.recoverySaved, registration.recoveryDigest != nil {
            try await tx.twoStep.save(registration)
            return .signedIn(try await finish(session, person: person, remember: remember, client: client, in: tx, now: now))
        }
        let code = RecoveryCode.generate()
        registration.recoveryDigest = code.digest
        registration.recoverySaved = false
        try await tx.twoStep.save(registration)
        try await showRecoveryCode(code, session: session, person: person, remember: remember, client: client, in: tx, now: now)
        return .saveRecoveryCode
    }

    /// Moves the session to ``SessionStage/recoveryCode`` holding `code` sealed until it is saved.
    func showRecoveryCode(
        _ code: RecoveryCode, session: ActiveSession, person: Person, remember: Bool, client: ClientInfo,
        in tx: any StoreTransaction, now: Date
    ) async throws {
        var record = session.record
        record.stage = .recoveryCode
        record.pendingSecret = try box.seal(Array(code.canonical.utf8), context: Self.recoveryContext(session))
        record.rememberBrowser = remember
        try await tx.sessions.update(record)
        try await tx.audit.append(AuditEvent(
            kind: .recoveryCodeIssued, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
    }

    /// Ends the partial session and starts a signed-in one under a new id (ASVS 7.2.4: a new token at
    /// every step up), remembering the browser when asked.
    func finish(
        _ session: ActiveSession, person: Person, remember: Bool, client: ClientInfo, in tx: any StoreTransaction, now: Date
    ) async throws -> TwoStepCompletion {
        // The partial session goes; if it is already gone, a concurrent request completed it first.
        guard try await tx.sessions.delete(session.record.digest) else { throw TwoStepOutOfOrder() }
        let token = SecretToken.generate()
        try await tx.sessions.insert(SessionRecord(
            digest: token.digest, personID: person.id, stage: .signedIn, scope: session.record.scope, createdAt: now, lastSeenAt: now,
            browser: BrowserLabel.from(userAgent: client.userAgent)))
        var browserToken: SecretToken?
        if remember {
            let browser = SecretToken.generate()
            let label = BrowserLabel.from(userAgent: client.userAgent)
            try await tx.rememberedBrowsers.insert(RememberedBrowser(
                id: .random(), personID: person.id, digest: browser.digest, label: label, createdAt: now, lastUsedAt: now))
            try await tx.audit.append(AuditEvent(
                kind: .browserRemembered, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
            let notice = TwoStepMails(settings: settings).browserRemembered(person, label: label, at: now, client: client)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
            browserToken = browser
        }
        try await tx.signInCompleted(
            person, detail: "method=password,two_step=verified,scope=\(session.record.scope.rawValue)", client: client, settings: settings,
            now: now)
        return TwoStepCompletion(session: token, rememberedBrowser: browserToken)
    }
}

/// What the two-step page asks of a partial session.
public enum TwoStepPrompt: Sendable, Equatable {
    /// No registration yet (SPEC C1): choose the authenticator app or SMS.
    case chooseMethod
    /// The authenticator's current code (SPEC C5).
    case authenticatorCode
    /// A code sent by SMS to the registered number (see ``TwoStepVerification/smsStatus(_:)``).
    case smsCode
    /// The recovery code to save before going on (SPEC C4, I2).
    case saveRecoveryCode(RecoveryCode)
}

/// Where an accepted code leads.
public enum TwoStepOutcome: Sendable, Equatable {
    case saveRecoveryCode
    case signedIn(TwoStepCompletion)
}

/// The signed-in session that replaces the partial one, and the browser's remember token if asked.
public struct TwoStepCompletion: Sendable, Equatable {
    public let session: SecretToken
    public let rememberedBrowser: SecretToken?
}

/// A code that does not get in. Never a success, whatever the reason.
public enum TwoStepRejected: String, Error, Sendable {
    case wrongCode = "wrong"
    /// A TOTP step already accepted (replay) or an old recovery code.
    case reusedCode = "reused"
    /// The SMS code timed out, ran out of tries, or was never sent for this attempt.
    case expiredCode = "expired"
}

/// A two-step step asked for out of order (a typed URL, a second tab): the two-step page decides again.
public struct TwoStepOutOfOrder: Error, Sendable {
    public init() {}
}
