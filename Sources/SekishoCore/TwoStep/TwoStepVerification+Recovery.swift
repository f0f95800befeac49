import Foundation

/// The recovery code (SPEC C4, I2): saved after the first code, used when the device is lost, and
/// replaced by a new one at every use.
extension TwoStepVerification {
    /// 「リカバリコードを保存しました」 + 「>」: refused unless ticked; then sign-in completes.
    public func confirmRecoveryCodeSaved(_ session: ActiveSession, saved: Bool, client: ClientInfo) async throws -> TwoStepCompletion {
        let person = try partialPerson(session, stage: .recoveryCode)
        let code = try pendingRecoveryCode(session, person: person)
        guard saved else { throw FormErrors([Field.saved: .recoveryCodeNotSaved]) }
        let now = clock.now()
        return try await store.transaction { tx in
            guard var registration = try await tx.twoStep.find(person.id), registration.isConfirmed,
                  registration.recoveryDigest == code.digest
            else { throw TwoStepOutOfOrder() }
            registration.recoverySaved = true
            try await tx.twoStep.save(registration)
            return try await finish(session, person: person, remember: session.record.rememberBrowser, client: client, in: tx, now: now)
        }
    }

    /// Lost device: the recovery code stands in for the second factor once. It is replaced at once by
    /// a new code, which the person saves before going on. Whoever holds the lost device may be signed
    /// in on it: every other session of the person ends and no browser skips two-step any more (ASVS
    /// 7.4.3).
    public func useRecoveryCode(_ session: ActiveSession, code raw: String?, client: ClientInfo) async throws {
        let person = try partialPerson(session, stage: .twoStep)
        guard let raw, let typed = RecoveryCode(typed: raw) else { throw FormErrors([Field.recoveryCode: .invalidRecoveryCode]) }
        let registration = try await store.read { tx in try await tx.twoStep.find(person.id) }
        guard let registration, registration.isConfirmed, let current = registration.recoveryDigest else {
            throw TwoStepOutOfOrder()
        }
        try await countAttempt(person, client: client)
        guard ConstantTime.equals(current.hex, typed.digest.hex) else { try await reject(.wrongCode, person, client: client) }
        let now = clock.now()
        let replacement = RecoveryCode.generate()
        let used = try await store.transaction { tx -> Bool in
            guard try await tx.twoStep.replaceRecoveryCode(current, with: replacement.digest, for: person.id) else { return false }
            try await tx.rateLimits.reset(TwoStepPolicy.failureKey(person.id))
            let sessions = try await tx.sessions.deleteAll(of: person.id, except: session.record.digest)
            let browsers = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            try await tx.audit.append(AuditEvent(
                kind: .recoveryCodeUsed, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "sessions_ended=\(sessions),browsers_forgotten=\(browsers)"))
            try await tx.outbox.enqueue(
                TwoStepMails(settings: settings).recoveryCodeUsed(person, at: now, client: client), messageID: settings.newMessageID(), at: now)
            try await showRecoveryCode(replacement, session: session, person: person, remember: false, client: client, in: tx, now: now)
            return true
        }
        if !used { try await reject(.reusedCode, person, client: client) }
    }
}
