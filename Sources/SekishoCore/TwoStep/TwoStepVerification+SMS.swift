import Foundation

/// SMS (SPEC C3, C5): a 6-digit code per sign-in attempt, 5 minutes, 5 tries, at most 3 sends per
/// 15 minutes per person and number.
extension TwoStepVerification {
    /// Enrolment: checks the number, records it as pending and sends the first code.
    public func startSMS(_ session: ActiveSession, phone raw: String?, client: ClientInfo) async throws {
        let person = try partialPerson(session, stage: .twoStep)
        guard let raw, let phone = PhoneNumber(raw) else { throw FormErrors([Field.phone: .invalidMobileNumber]) }
        let now = clock.now()
        try await store.transaction { tx in
            if try await tx.twoStep.find(person.id)?.isConfirmed == true { throw TwoStepOutOfOrder() }
            try await tx.twoStep.save(TwoStepRegistration(personID: person.id, method: .sms, phone: phone, createdAt: now))
            try await tx.audit.append(AuditEvent(
                kind: .twoStepMethodChosen, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "method=sms"))
            try await sendCode(to: phone, session: session, person: person, client: client, in: tx, now: now)
        }
    }

    /// Sends (or resends) the code of this attempt to the registered or pending number; a resend
    /// replaces the older code.
    public func sendSMSCode(_ session: ActiveSession, client: ClientInfo) async throws {
        let person = try partialPerson(session, stage: .twoStep)
        let now = clock.now()
        try await store.transaction { tx in
            guard let registration = try await tx.twoStep.find(person.id), registration.method == .sms,
                  let phone = registration.phone
            else { throw TwoStepOutOfOrder() }
            try await sendCode(to: phone, session: session, person: person, client: client, in: tx, now: now)
        }
    }

    /// The number codes go to (registered or being enrolled) and whether this attempt has a code.
    public func smsStatus(_ session: ActiveSession) async throws -> SMSStatus {
        let person = try partialPerson(session, stage: .twoStep)
        return try await store.read { tx in
            guard let registration = try await tx.twoStep.find(person.id), registration.method == .sms,
                  let phone = registration.phone
            else { throw TwoStepOutOfOrder() }
            let sent = try await tx.smsChallenges.find(session: session.record.digest) != nil
            return SMSStatus(phone: phone, codeSent: sent, isEnrolled: registration.isConfirmed)
        }
    }

    public func verifySMSCode(
        _ session: ActiveSession, code raw: String?, remember: Bool, client: ClientInfo
    ) async throws -> TwoStepOutcome {
        let person = try partialPerson(session, stage: .twoStep)
        let challenge = try await smsChallenge(matching: raw, session: session, person: person, client: client)
        let now = clock.now()
        let digest = session.record.digest
        let outcome = try await store.transaction { tx -> TwoStepOutcome? in
            guard var registration = try await tx.twoStep.find(person.id), registration.method == .sms,
                  registration.phone == challenge.phone,
                  try await tx.smsChallenges.find(session: digest) == challenge,
                  try await tx.smsChallenges.delete(session: digest)
            else { return nil }
            registration.lastStep = nil
            return try await completeAfterCode(
                session, person: person, registration: registration, remember: remember, client: client, in: tx, now: now)
        }
        guard let outcome else { try await reject(.reusedCode, person, client: client) }
        return outcome
    }

    /// The checks of an SMS code before it is taken: its form, the throttle, and this session's live
    /// challenge, one of whose tries it uses. Returns the challenge it matched; the transaction that
    /// takes the code deletes exactly that one, so a code works once.
    func smsChallenge(matching raw: String?, session: ActiveSession, person: Person, client: ClientInfo) async throws -> SMSChallenge {
        guard let code = TypedCode.digits(raw) else { throw FormErrors([Field.code: .invalidCode]) }
        try await countAttempt(person, client: client)
        let now = clock.now()
        let digest = session.record.digest
        let challenge = try await store.transaction { tx in
            try await tx.smsChallenges.countTry(session: digest, maxTries: policy.smsTries, now: now)
        }
        guard let challenge, challenge.personID == person.id else { try await reject(.expiredCode, person, client: client) }
        guard ConstantTime.equals(challenge.codeDigest, SMSCode(digits: code).digest(attempt: digest)) else {
            try await reject(.wrongCode, person, client: client)
        }
        return challenge
    }

    func sendCode(
        to phone: PhoneNumber, session: ActiveSession, person: Person, client: ClientInfo, in tx: any StoreTransaction, now: Date
    ) async throws {
        let window = try await tx.rateLimits.hit(TwoStepPolicy.smsSendKey(person.id, phone), window: policy.smsSendWindow, now: now)
        guard window.hits <= policy.maxSMSSends else {
            throw TwoStepThrottled(retryAt: window.startedAt.addingTimeInterval(policy.smsSendWindow))
        }
        let code = SMSCode.generate()
        try await tx.smsChallenges.put(SMSChallenge(
            session: session.record.digest, personID: person.id, phone: phone,
            codeDigest: code.digest(attempt: session.record.digest), expiresAt: now.addingTimeInterval(policy.smsLifetime), tries: 0))
        try await tx.outbox.enqueue(
            OutgoingSMS(to: phone, body: SMSText.code(code, serviceName: settings.serviceName, lifetime: policy.smsLifetime)),
            messageID: settings.newMessageID(), at: now)
        try await tx.audit.append(AuditEvent(
            kind: .twoStepSMSSent, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
            detail: "to=\(phone.masked)"))
    }
}

/// The SMS method as the code page shows it.
public struct SMSStatus: Sendable, Equatable {
    public let phone: PhoneNumber
    public let codeSent: Bool
    /// `false` while the number is being enrolled.
    public let isEnrolled: Bool
}

/// The text of the code SMS (Japanese, SPEC M1): names the service, says never to share the code.
enum SMSText {
    static func code(_ code: SMSCode, serviceName: String, lifetime: TimeInterval) -> String {
        "【\(serviceName)】認証コード: \(code.text)\n有効期限は\(Int(lifetime / 60))分です。このコードを他人に教えないでください。"
    }
}
