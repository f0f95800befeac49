import Foundation

/// A registered security key in place of the code (see ``SecurityKeys``): at the second step of
/// sign-in, and beside the password at step-up (``RecentSignIn``). It shares the code's throttle, and
/// its answer is taken once: the challenge is deleted when it is checked, and the key's counter moves
/// in one statement.
extension TwoStepVerification {
    var relyingParty: RelyingParty { RelyingParty(settings: settings) }

    /// Registering and removing keys, for a signed-in person.
    public var securityKeys: SecurityKeys { SecurityKeys(store: store, clock: clock, settings: settings) }

    /// Whether the person of `session` has a key to offer in place of the code.
    public func hasSecurityKeys(_ session: ActiveSession) async throws -> Bool {
        guard let person = session.account?.person else { return false }
        return try await !store.read { tx in try await tx.securityKeys.list(for: person.id) }.isEmpty
    }

    /// The options for `navigator.credentials.get`, with a new challenge bound to `session`: a partial
    /// session at the second step signs in with it, a signed-in one steps up. `nil` when the person
    /// has no key (or no confirmed registration).
    public func securityKeyRequest(for session: ActiveSession) async throws -> SecurityKeyRequest? {
        let (person, purpose) = try ceremony(of: session)
        let challenge = SecurityKeyChallenge.generate(for: session.record.digest, purpose: purpose, now: clock.now())
        let keys = try await store.transaction { tx -> [SecurityKey] in
            guard try await tx.twoStep.find(person.id)?.isConfirmed == true else { return [] }
            let keys = try await tx.securityKeys.list(for: person.id)
            if !keys.isEmpty { try await tx.securityKeyChallenges.put(challenge) }
            return keys
        }
        guard !keys.isEmpty else { return nil }
        return SecurityKeyRequest(
            challenge: challenge.challenge, relyingPartyID: relyingParty.id, allowedCredentials: keys.map(\.credentialID))
    }

    /// Checks the key's answer to the session's challenge; then sign-in completes as after a code.
    /// Throws ``SecurityKeyRejected``, ``TwoStepThrottled`` or, without an answer, ``FormErrors``.
    public func verifySecurityKey(
        _ session: ActiveSession, response: SecurityKeyAssertion?, remember: Bool, client: ClientInfo
    ) async throws -> TwoStepOutcome {
        let person = try partialPerson(session, stage: .twoStep)
        try await takeSecurityKeyAnswer(response, purpose: .signIn, session: session, person: person, client: client)
        let now = clock.now()
        return try await store.transaction { tx in
            guard let registration = try await tx.twoStep.find(person.id), registration.isConfirmed else { throw TwoStepOutOfOrder() }
            return try await completeAfterCode(
                session, person: person, registration: registration, remember: remember, client: client, in: tx, now: now)
        }
    }

    /// Counts the attempt, takes the session's challenge of `purpose`, checks the answer against the
    /// person's key and records the key's use. A refusal is audited with its reason.
    func takeSecurityKeyAnswer(
        _ response: SecurityKeyAssertion?, purpose: SecurityKeyChallenge.Purpose, session: ActiveSession, person: Person,
        client: ClientInfo
    ) async throws {
        guard let response else { throw FormErrors([SecurityKeys.Field.response: .securityKeyFailed]) }
        try await countAttempt(person, client: client)
        let now = clock.now()
        let (challenge, key) = try await store.transaction { tx in
            (try await tx.securityKeyChallenges.take(session: session.record.digest, purpose: purpose, now: now),
             try await tx.securityKeys.find(credentialID: response.credentialID, of: person.id))
        }
        do {
            guard let challenge else { throw SecurityKeyRejected.wrongCeremony }
            guard let key else { throw SecurityKeyRejected.unknownKey }
            let counter = try relyingParty.verifyAssertion(response, by: key, challenge: challenge.challenge)
            let recorded = try await store.transaction { tx in
                guard try await tx.securityKeys.recordUse(key.id, counter: key.signCount, to: counter, at: now) else { return false }
                try await tx.rateLimits.reset(TwoStepPolicy.failureKey(person.id))
                return true
            }
            if !recorded { throw SecurityKeyRejected.counterReplayed }
        } catch let rejected as SecurityKeyRejected {
            try await audit(.securityKeyFailed, person, client: client, at: now, detail: "reason=\(rejected.rawValue),ceremony=\(purpose.rawValue)")
            throw rejected
        }
    }

    private func ceremony(of session: ActiveSession) throws -> (Person, SecurityKeyChallenge.Purpose) {
        if session.isSignedIn, let person = session.account?.person { return (person, .stepUp) }
        return (try partialPerson(session, stage: .twoStep), .signIn)
    }
}

/// What the second step hands to `navigator.credentials.get`: the challenge and the person's keys.
public struct SecurityKeyRequest: Sendable, Equatable {
    public let challenge: String
    public let relyingPartyID: String
    public let allowedCredentials: [String]
}
