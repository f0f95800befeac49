import Foundation

/// The authenticator app (SPEC C2, C5): enrolment with a QR code, then 6-digit codes.
extension TwoStepVerification {
    /// The key to show while the person sets up the app. A pending authenticator enrolment keeps its key,
    /// so reloading the page shows the same QR code; choosing the app after SMS starts a new one.
    public func startAuthenticator(_ session: ActiveSession, client: ClientInfo) async throws -> AuthenticatorSetup {
        let person = try partialPerson(session, stage: .twoStep)
        let now = clock.now()
        let box = self.box
        let key = try await store.transaction { tx -> AuthenticatorKey in
            let existing = try await tx.twoStep.find(person.id)
            if existing?.isConfirmed == true { throw TwoStepOutOfOrder() }
            if let existing, existing.method == .authenticator, let sealed = existing.sealedKey,
               let key = AuthenticatorKey(bytes: try box.open(sealed, context: TwoStepRegistration.keyContext(for: person.id))) {
                return key
            }
            let key = AuthenticatorKey.generate()
            try await tx.twoStep.save(TwoStepRegistration(
                personID: person.id, method: .authenticator,
                sealedKey: try box.seal(key.bytes, context: TwoStepRegistration.keyContext(for: person.id)), createdAt: now))
            try await tx.audit.append(AuditEvent(
                kind: .twoStepMethodChosen, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "method=authenticator"))
            return key
        }
        return AuthenticatorSetup(key: key, uri: key.uri(issuer: settings.serviceName, account: person.email.value))
    }

    /// Checks an authenticator code, for enrolment or sign-in. Accepts T-1…T+1 of the server's clock,
    /// never a step at or before the last accepted one.
    public func verifyAuthenticatorCode(
        _ session: ActiveSession, code raw: String?, remember: Bool, client: ClientInfo
    ) async throws -> TwoStepOutcome {
        let person = try partialPerson(session, stage: .twoStep)
        let (step, sealed) = try await authenticatorStep(raw, person: person, client: client)
        let now = clock.now()
        let outcome = try await store.transaction { tx -> TwoStepOutcome? in
            guard var current = try await tx.twoStep.find(person.id), current.sealedKey == sealed,
                  try await tx.twoStep.acceptStep(step, for: person.id)
            else { return nil }
            current.lastStep = step
            return try await completeAfterCode(
                session, person: person, registration: current, remember: remember, client: client, in: tx, now: now)
        }
        guard let outcome else { try await reject(.reusedCode, person, client: client) }
        return outcome
    }

    /// The checks of an authenticator code before it is taken: its form, the registered key, the
    /// throttle, and a step of T-1…T+1 it matches. Returns that step and the sealed key it matched;
    /// the transaction that takes the step compares the key, so a key replaced meanwhile counts nothing.
    func authenticatorStep(_ raw: String?, person: Person, client: ClientInfo) async throws -> (step: Int64, sealedKey: String) {
        guard let code = TypedCode.digits(raw) else { throw FormErrors([Field.code: .invalidCode]) }
        let registration = try await store.read { tx in try await tx.twoStep.find(person.id) }
        guard let registration, registration.method == .authenticator, let sealed = registration.sealedKey,
              let key = AuthenticatorKey(bytes: try box.open(sealed, context: TwoStepRegistration.keyContext(for: person.id)))
        else { throw TwoStepOutOfOrder() }
        try await countAttempt(person, client: client)
        guard let step = OneTimePassword.authenticatorApp.matchingStep(of: code, key: key.bytes, at: clock.now(), window: policy.totpWindow)
        else { try await reject(.wrongCode, person, client: client) }
        return (step, sealed)
    }
}

/// What the enrolment page shows: the key as a QR code of `uri` and as text.
public struct AuthenticatorSetup: Sendable, Equatable {
    public let key: AuthenticatorKey
    public let uri: String
}
