import Foundation

/// The second factor again, for step-up (``RecentSignIn``; full re-authentication, ASVS 7.5.1): a
/// signed-in person with a confirmed registration gives a code of their method beside the password.
/// The code counts against the same throttle as at sign-in and is taken the same way: a TOTP step
/// is never accepted twice, an SMS code (sent for this session) works once.
extension TwoStepVerification {
    /// The method step-up asks a code of, or `nil` when the person has no confirmed registration
    /// (a Google or Facebook person, or one whose two-step an admin reset: the password alone then).
    public func stepUpMethod(of person: Person) async throws -> TwoStepMethod? {
        try await store.read { tx in try await tx.twoStep.find(person.id) }.flatMap { $0.isConfirmed ? $0.method : nil }
    }

    /// 「SMSを送信」 on the step-up page: a code to the registered number, bound to this session.
    public func sendStepUpCode(_ session: ActiveSession, client: ClientInfo) async throws {
        guard session.isSignedIn, let person = session.account?.person else { throw TwoStepOutOfOrder() }
        let now = clock.now()
        try await store.transaction { tx in
            guard let registration = try await tx.twoStep.find(person.id), registration.isConfirmed, registration.method == .sms,
                  let phone = registration.phone
            else { throw TwoStepOutOfOrder() }
            try await sendCode(to: phone, session: session, person: person, client: client, in: tx, now: now)
        }
    }

    /// Checks and takes the step-up code of `person`, signed in with `session`. Throws ``FormErrors``
    /// (no code, or not 6 digits), ``TwoStepRejected`` or ``TwoStepThrottled``.
    func takeStepUpCode(_ raw: String?, session: ActiveSession, person: Person, client: ClientInfo) async throws {
        guard let method = try await stepUpMethod(of: person) else { return }
        let taken: Bool
        switch method {
        case .authenticator:
            let (step, sealed) = try await authenticatorStep(raw, person: person, client: client)
            taken = try await store.transaction { tx in
                guard try await tx.twoStep.find(person.id)?.sealedKey == sealed, try await tx.twoStep.acceptStep(step, for: person.id)
                else { return false }
                try await tx.rateLimits.reset(TwoStepPolicy.failureKey(person.id))
                return true
            }
        case .sms:
            let challenge = try await smsChallenge(matching: raw, session: session, person: person, client: client)
            let digest = session.record.digest
            taken = try await store.transaction { tx in
                guard try await tx.smsChallenges.find(session: digest) == challenge, try await tx.smsChallenges.delete(session: digest)
                else { return false }
                try await tx.rateLimits.reset(TwoStepPolicy.failureKey(person.id))
                return true
            }
        }
        if !taken { try await reject(.reusedCode, person, client: client) }
    }
}
