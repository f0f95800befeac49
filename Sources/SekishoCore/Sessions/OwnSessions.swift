import Foundation

/// A person's own sessions (ASVS 7.5.2, 7.4.3): 「サインイン中のセッション」 lists them with their
/// browsers; a button ends one of them, another all but the one in use, for a browser left signed
/// in elsewhere. Ending asks for a recent sign-in (``RecentSignIn``), so that a stolen session
/// cannot sign its owner out everywhere else.
extension SessionService {
    /// The person's signed-in sessions still alive now, portal and contract menu, the most recently
    /// used first. Sessions half way through two-step are not shown (they are no sign-in yet) but
    /// are ended with the others.
    public func signedIn(of person: PersonID) async throws -> [SessionRecord] {
        let now = clock.now()
        return try await store.read { tx in try await tx.sessions.list(of: person) }
            .filter { $0.stage == .signedIn && !policy.isExpired($0, now: now) }
    }

    /// 「終了する」 on one row: ends the person's session named by `handle` (``SessionRecord/handle``),
    /// never the one in use (signing out does that). False when there is no such other session,
    /// already ended or never the person's.
    @discardableResult
    public func endOne(_ handle: String?, from session: ActiveSession, client: ClientInfo) async throws -> Bool {
        guard let account = session.account, let handle, handle.count == 16 else { return false }
        let person = account.person
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        return try await store.transaction { tx in
            guard let ending = try await tx.sessions.list(of: person.id).first(where: { $0.handle == handle }),
                  ending.digest != session.record.digest, try await tx.sessions.delete(ending.digest)
            else { return false }
            try await tx.audit.append(AuditEvent(
                kind: .sessionsEnded, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "by=self,sessions=1"))
            return true
        }
    }

    /// 「ほかのセッションをすべて終了」: ends every session of the person but `session`; how many.
    public func endOthers(_ session: ActiveSession, client: ClientInfo) async throws -> Int {
        guard let account = session.account else { return 0 }
        let person = account.person
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        return try await store.transaction { tx in
            let ended = try await tx.sessions.deleteAll(of: person.id, except: session.record.digest)
            try await tx.audit.append(AuditEvent(
                kind: .sessionsEnded, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "by=self,sessions=\(ended)"))
            return ended
        }
    }
}
