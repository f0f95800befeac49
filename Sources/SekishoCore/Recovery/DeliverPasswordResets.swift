import Foundation

/// The background half of the forgotten password (SPEC H4): for each waiting request, a reset link
/// to a password account, a reminder to use the provider to a Google or Facebook account, nothing to
/// an email without an account. Each request is taken and answered in one transaction, so a crash
/// leaves it waiting and two instances never answer it twice.
public struct DeliverPasswordResets: Sendable {
    let store: any Store
    let settings: ServiceSettings

    public init(store: any Store, settings: ServiceSettings) {
        self.store = store
        self.settings = settings
    }

    /// Answers up to `limit` waiting requests; returns how many this call answered.
    @discardableResult
    public func execute(limit: Int = 100) async throws -> Int {
        let ids = try await store.read { tx in try await tx.passwordResetRequests.waiting(limit: limit) }
        var answered = 0
        for id in ids where try await answer(id) {
            answered += 1
        }
        return answered
    }

    private func answer(_ id: Int64) async throws -> Bool {
        let settings = self.settings
        return try await store.transaction { tx in
            guard let request = try await tx.passwordResetRequests.take(id) else { return false }
            let (email, now) = (request.email, request.requestedAt)
            let person = try await tx.people.find(email: email)
            try await tx.audit.append(AuditEvent(
                kind: .passwordResetRequested, occurredAt: now, personID: person?.id, contractID: person?.contractID,
                email: email.normalized, client: request.client))
            guard let person else { return true }
            try await tx.mailPasswordReset(to: person, settings: settings, now: now)
            return true
        }
    }
}

extension StoreTransaction {
    /// 【コーデックストレージ】パスワードリセット to the person's own address: the reset link for a
    /// password account, a reminder to use the provider for a Google or Facebook one.
    func mailPasswordReset(to person: Person, settings: ServiceSettings, now: Date) async throws {
        let mails = RecoveryMails(settings: settings)
        switch person.loginMethod {
        case .password:
            let link = try await issueTicket(
                .passwordReset, subject: person.id.rawValue, voidKey: person.id.rawValue, path: "/lo/reset", settings: settings, now: now)
            try await outbox.enqueue(mails.reset(person, link: link), messageID: settings.newMessageID(), at: now)
        case .google, .facebook:
            try await outbox.enqueue(mails.signInWithProvider(person), messageID: settings.newMessageID(), at: now)
        }
    }
}
