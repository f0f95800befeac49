import Foundation

/// What every completed sign-in records, whichever way it came (password and two-step, a remembered
/// browser, Google or Facebook, a line): the directory's last sign-in, the audit event, and (ASVS
/// 6.3.5) 【コーデックストレージ】新しいブラウザからのログインのお知らせ when the kind of browser is
/// none of the person's last ``recentSignIns`` sign-ins used. A person's very first sign-in is not
/// mailed: there is nothing to compare it with.
extension StoreTransaction {
    static var recentSignIns: Int { 50 }

    func signInCompleted(_ person: Person, detail: String, client: ClientInfo, settings: ServiceSettings, now: Date) async throws {
        let earlier = try await audit.page(
            person.contractID,
            query: AuditQuery(person: person.id.rawValue, kind: AuditEventKind.signInSucceeded.rawValue, before: nil, limit: Self.recentSignIns))
        try await directory.recordSignIn(person.id, at: now)
        try await audit.append(AuditEvent(
            kind: .signInSucceeded, occurredAt: now, personID: person.id, contractID: person.contractID, client: client, detail: detail))
        let browser = BrowserLabel.from(userAgent: client.userAgent)
        guard !earlier.isEmpty, !earlier.contains(where: { BrowserLabel.from(userAgent: $0.event.client.userAgent) == browser }) else { return }
        try await outbox.enqueue(settings.notice(to: person, topic: "新しいブラウザからのログインのお知らせ", [
            "お客様のアカウントに、これまでと異なるブラウザからログインがありました。",
            RecoveryMails.occurrence(now, client: client),
        ]), messageID: settings.newMessageID(), at: now)
    }
}
