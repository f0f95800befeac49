/// The line-information notice page (回線情報通知設定, SPEC D4): the first sign-in over a West-area
/// line asks 「通知する」 or 「通知しない」; the answer is recorded for the line. Notifying completes the
/// sign-in; declining ends it, and the line is not used.
public struct AnswerLineNotice: Sendable {
    public enum Field {
        public static let choice = "choice"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// 「決定」. Returns the scope the now signed-in session is for. Throws ``FormErrors`` (nothing
    /// chosen), ``LineNoticeOutOfOrder`` (the session is not at the notice), or ``LineAccessRefused``
    /// with ``LineRefusal/noticeDeclined`` after 「通知しない」 (the session has ended).
    public func execute(_ raw: String?, session: ActiveSession, client: ClientInfo) async throws -> SessionScope {
        guard session.record.stage == .lineNotice, let account = session.account, let line = session.record.line else {
            throw LineNoticeOutOfOrder()
        }
        guard let notice = raw.flatMap(LineNotice.init(rawValue:)) else { throw FormErrors([Field.choice: .required]) }
        let now = clock.now()
        var signedIn = session.record
        signedIn.stage = .signedIn
        let record = signedIn
        try await store.transaction { tx in
            // The page may be posted twice, or after the session ended: only a waiting session answers.
            guard try await tx.sessions.find(record.digest)?.stage == .lineNotice else { throw LineNoticeOutOfOrder() }
            try await tx.lines.recordNotice(notice, for: line, in: account.contract.id)
            try await tx.audit.append(AuditEvent(
                kind: .lineNoticeAnswered, occurredAt: now, personID: account.person.id, contractID: account.contract.id, client: client,
                detail: "line=\(line),choice=\(notice.rawValue)"))
            guard notice == .notify else {
                _ = try await tx.sessions.delete(record.digest)
                return
            }
            try await tx.sessions.update(record)
            try await tx.signInCompleted(
                account.person, detail: "two_step=line,line=\(line),notice=notify,scope=\(record.scope.rawValue)", client: client,
                settings: settings, now: now)
        }
        guard notice == .notify else { throw LineAccessRefused(.noticeDeclined, pathway: .signIn, account: account, line: line) }
        return record.scope
    }
}

/// The notice page was posted by a session that is not waiting at it.
public struct LineNoticeOutOfOrder: Error, Sendable, Equatable {
    public init() {}
}
