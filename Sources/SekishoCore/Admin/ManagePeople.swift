import Foundation

/// The admin console's actions on one person (SPEC K1, I3): role, removal, unlock, two-step reset,
/// ending sessions. Each checks the admin, finds the person in the admin's contract only, and
/// changes and audits in one transaction. Role, removal, two-step reset and ending everyone's
/// sessions need a recent sign-in (``RecentSignIn``).
public struct ManagePeople: Sendable {
    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Grants (`admin` true) or removes admin rights. Not for the contractor, not on oneself.
    public func setAdmin(_ admin: Bool, person id: String?, by account: Account, client: ClientInfo) async throws {
        try await act(on: id, by: account, stepUp: true) { tx, person, now in
            guard person.role != .contractor else { throw AdminRefusal.contractorIsFixed }
            guard person.id != account.person.id else { throw AdminRefusal.notOnYourself }
            let role: Role = admin ? .admin : .user
            guard role != person.role else { return }
            try await tx.directory.setRole(role, of: person.id, in: account.contract.id)
            try await tx.audit.append(adminEvent(.roleChanged, person, by: account, client, now, detail: "role=\(role.rawValue)"))
        }
    }

    /// Removes the person: their sessions, credentials and browsers go with them at once, and the
    /// lock of an active person's address (never an invited one's, as ``unlock(person:by:client:)`` says).
    public func remove(person id: String?, by account: Account, client: ClientInfo) async throws {
        try await act(on: id, by: account, stepUp: true) { tx, person, now in
            guard person.role != .contractor else { throw AdminRefusal.contractorIsFixed }
            guard person.id != account.person.id else { throw AdminRefusal.notOnYourself }
            guard try await tx.directory.delete(person.id, in: account.contract.id) else { throw PersonNotFound() }
            if person.status == .active { try await tx.signInFailures.unlock(person.email.normalized) }
            try await tx.audit.append(adminEvent(.personRemoved, person, by: account, client, now, detail: "email=\(person.email.normalized)"))
        }
    }

    /// SPEC I3: unlocks the person's email and forgets its count. An invited person's address is
    /// left alone: they cannot sign in yet, and an invitation that does not hold its address
    /// (``Invitations``) must never touch its owner's lock, elsewhere.
    public func unlock(person id: String?, by account: Account, client: ClientInfo) async throws {
        try await act(on: id, by: account) { tx, person, now in
            guard person.status == .active, try await tx.signInFailures.unlock(person.email.normalized) else { return }
            try await tx.tickets.voidAll([.unlock], voidKey: person.id.rawValue, at: now)
            try await tx.audit.append(adminEvent(.accountUnlocked, person, by: account, client, now, detail: "by=admin"))
        }
    }

    /// SPEC I3: the next sign-in enrols two-step again; remembered browsers no longer skip it, and the
    /// person's sessions end, since the reset is for a lost device that may still be signed in (ASVS
    /// 7.4.3). The person is told by mail (ASVS 6.3.7).
    public func resetTwoStep(person id: String?, by account: Account, client: ClientInfo) async throws {
        let settings = self.settings
        try await act(on: id, by: account, stepUp: true) { tx, person, now in
            try await tx.twoStep.delete(person.id)
            let browsers = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            let sessions = try await tx.sessions.deleteAll(of: person.id)
            try await tx.audit.append(adminEvent(
                .twoStepReset, person, by: account, client, now, detail: "by=admin,browsers_forgotten=\(browsers),sessions_ended=\(sessions)"))
            guard person.status == .active else { return }
            try await tx.outbox.enqueue(TwoStepMails(settings: settings).resetByAdmin(person, at: now), messageID: settings.newMessageID(), at: now)
        }
    }

    /// 「パスワード再設定メールを送信」 (ASVS 6.4.6): the person gets the reset link (or, signing in with
    /// a provider, the reminder) at their own address, as if they had asked; the admin neither sets
    /// nor learns a password. Not for an invited person, who has none yet.
    public func sendPasswordReset(person id: String?, by account: Account, client: ClientInfo) async throws {
        let settings = self.settings
        try await act(on: id, by: account) { tx, person, now in
            guard person.status == .active else { throw AdminRefusal.stillInvited }
            try await tx.mailPasswordReset(to: person, settings: settings, now: now)
            try await tx.audit.append(adminEvent(.passwordResetRequested, person, by: account, client, now, detail: "by=admin"))
        }
    }

    /// Ends every session of the person at once (a lost laptop); their own included when they ask.
    public func endSessions(person id: String?, by account: Account, client: ClientInfo) async throws {
        try await act(on: id, by: account) { tx, person, now in
            let ended = try await tx.sessions.deleteAll(of: person.id)
            try await tx.audit.append(adminEvent(.sessionsEnded, person, by: account, client, now, detail: "by=admin,sessions=\(ended)"))
        }
    }

    /// 「全員のログインを終了」 (ASVS 7.4.5): ends the session of everyone in the contract, the
    /// contractor's and other admins' included, but `kept`, the one this is done from. For a leak
    /// nobody can pin on one person; everyone signs in again (two-step included, where it applies).
    /// Returns how many sessions ended.
    @discardableResult
    public func endAllSessions(by account: Account, keeping kept: TokenDigest, client: ClientInfo) async throws -> Int {
        try AdminAccess.require(account)
        let now = clock.now()
        return try await store.sensitiveAdminChange(by: account, at: now) { tx in
            let ended = try await tx.sessions.deleteAll(inContract: account.contract.id, except: kept)
            try await tx.audit.append(adminEvent(
                .sessionsEnded, account.person, by: account, client, now, detail: "by=admin,scope=contract,sessions=\(ended)"))
            return ended
        }
    }

    /// A change to one person of the admin's contract; with `stepUp`, only after a recent sign-in.
    private func act(
        on id: String?, by account: Account, stepUp: Bool = false,
        _ change: @escaping @Sendable (any StoreTransaction, Person, Date) async throws -> Void
    ) async throws {
        try AdminAccess.require(account)
        let now = clock.now()
        let work: @Sendable (any StoreTransaction) async throws -> Void = { tx in
            try await change(tx, try await account.person(id, in: tx), now)
        }
        if stepUp {
            try await store.sensitiveAdminChange(by: account, at: now, work)
        } else {
            try await store.adminChange(by: account, work)
        }
    }
}

/// An audit event about `person` done by the admin `account`: the acting admin is in the detail.
func adminEvent(
    _ kind: AuditEventKind, _ person: Person, by account: Account, _ client: ClientInfo, _ now: Date, detail: String
) -> AuditEvent {
    AuditEvent(
        kind: kind, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
        detail: "\(detail),admin=\(account.person.id.rawValue)")
}
