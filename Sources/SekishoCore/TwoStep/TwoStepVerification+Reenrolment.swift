import Foundation

/// 「2段階認証を登録し直す」 (ASVS 6.5.6, *beyond*): the owner of a lost or replaced phone revokes it
/// and registers another. It needs a recent sign-in (after a lost phone, the one with the recovery
/// code). The registration is deleted, every session of the person ends and no browser skips
/// two-step any more; this browser goes back to enrolment (the app or SMS) in a new session, and the
/// person is told by mail. Until the new registration is confirmed, only the two-step pages open.
extension TwoStepVerification {
    /// Returns the token of the new enrolment session, for the cookie. Throws ``TwoStepOutOfOrder``
    /// (not a password person's portal session) or ``RecentSignInRequired``.
    public func restartEnrolment(_ session: ActiveSession, client: ClientInfo) async throws -> SecretToken {
        guard session.isSignedIn, session.record.scope == .portal, let person = session.account?.person, person.loginMethod == .password
        else { throw TwoStepOutOfOrder() }
        let now = clock.now()
        try RecentSignIn.require(session, at: now)
        let token = SecretToken.generate()
        let enrolment = SessionRecord(
            digest: token.digest, personID: person.id, stage: .twoStep, createdAt: now, lastSeenAt: now, line: session.record.line,
            browser: session.record.browser)
        let settings = self.settings
        try await store.transaction { tx in
            guard try await tx.sessions.delete(session.record.digest) else { throw TwoStepOutOfOrder() }
            try await tx.twoStep.delete(person.id)
            let browsers = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            let sessions = try await tx.sessions.deleteAll(of: person.id)
            try await tx.sessions.insert(enrolment)
            try await tx.audit.append(AuditEvent(
                kind: .twoStepReset, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "by=self,browsers_forgotten=\(browsers),sessions_ended=\(sessions + 1)"))
            try await tx.outbox.enqueue(TwoStepMails(settings: settings).restarted(person, at: now, client: client),
                                        messageID: settings.newMessageID(), at: now)
        }
        return token
    }
}
