import Foundation

/// A registered security key in place of the code at the second step (see ``SecurityKeys``). It
/// shares the code's throttle, and its answer is taken once: the challenge is deleted when it is
/// checked, and the key's counter moves in one statement.
extension TwoStepVerification {
    var relyingParty: RelyingParty { RelyingParty(settings: settings) }

    /// Registering and removing keys, for a signed-in person.
    public var securityKeys: SecurityKeys { SecurityKeys(store: store, clock: clock, settings: settings) }

    /// Whether the second step may offer 「セキュリティキーを使う」 to the partial session.
    public func hasSecurityKeys(_ session: ActiveSession) async throws -> Bool {
        guard let person = session.account?.person else { return false }
        return try await !store.read { tx in try await tx.securityKeys.list(for: person.id) }.isEmpty
    }

    /// The options for `navigator.credentials.get`, with a new challenge bound to the partial session;
    /// `nil` when the person has no key.
    public func securityKeyRequest(_ session: ActiveSession) async throws -> SecurityKeyRequest? {
        let person = try partialPerson(session, stage: .twoStep)
        let challenge = SecurityKeyChallenge.generate(for: session.record.digest, purpose: .signIn, now: clock.now())
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
        guard let response else { throw FormErrors([SecurityKeys.Field.response: .securityKeyFailed]) }
        try await countAttempt(person, client: client)
        let now = clock.now()
        let (challenge, key) = try await store.transaction { tx in
            (try await tx.securityKeyChallenges.take(session: session.record.digest, purpose: .signIn, now: now),
             try await tx.securityKeys.find(credentialID: response.credentialID, of: person.id))
        }
        let counter: UInt32
        do {
            guard let challenge else { throw SecurityKeyRejected.wrongCeremony }
            guard let key else { throw SecurityKeyRejected.unknownKey }
            counter = try relyingParty.verifyAssertion(response, by: key, challenge: challenge.challenge)
        } catch let rejected as SecurityKeyRejected {
            try await audit(.securityKeyFailed, person, client: client, at: now, detail: "reason=\(rejected.rawValue),ceremony=sign_in")
            throw rejected
        }
        let outcome = try await store.transaction { tx -> TwoStepOutcome? in
            guard let key, try await tx.securityKeys.recordUse(key.id, counter: key.signCount, to: counter, at: now),
                  let registration = try await tx.twoStep.find(person.id), registration.isConfirmed
            else { return nil }
            return try await completeAfterCode(
                session, person: person, registration: registration, remember: remember, client: client, in: tx, now: now)
        }
        guard let outcome else { try await reject(.reusedCode, person, client: client) }
        return outcome
    }
}

/// What the second step hands to `navigator.credentials.get`: the challenge and the person's keys.
public struct SecurityKeyRequest: Sendable, Equatable {
    public let challenge: String
    public let relyingPartyID: String
    public let allowedCredentials: [String]
}
