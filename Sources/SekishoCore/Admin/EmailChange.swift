import Foundation

/// 「メールアドレス変更」 by an admin (SPEC F3, F5–F7), and the completion of the contractor's own change
/// (``ChangeLoginEmail``): the new address gets a link; until it is used the old email keeps working. The link asks for a new password (twice, 「登録」); then, in one
/// transaction, the email changes, the two-step registration is reset, remembered browsers and
/// sessions end, and the old address gets a notice.
public struct EmailChange: Sendable {
    public enum Field {
        public static let email = "email"
        public static let password = NewPassword.field
        public static let confirmation = NewPassword.confirmationField
    }

    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
    }

    /// The admin's 送信: checks the person and the address for the confirmation page (OK), without
    /// sending anything. Throws like ``request(person:email:by:client:)``.
    public func check(person id: String?, email raw: String?, by account: Account) async throws -> (person: Person, email: EmailAddress) {
        try AdminAccess.require(account)
        try RecentSignIn.require(account, at: clock.now())
        let email = try Self.email(raw)
        return try await store.read { tx in (try await Self.check(id, email, by: account, in: tx), email) }
    }

    /// The admin's OK: checks again and mails the link (or, to an address someone holds, a notice) to
    /// the new address. Throws ``FormErrors``,
    /// ``PersonNotFound`` or ``AdminRefusal/stillInvited``.
    public func request(person id: String?, email raw: String?, by account: Account, client: ClientInfo) async throws {
        try AdminAccess.require(account)
        let email = try Self.email(raw)
        let now = clock.now()
        let settings = self.settings
        try await store.sensitiveAdminChange(by: account, at: now) { tx in
            let person = try await Self.check(id, email, by: account, in: tx)
            try await tx.mailEmailChange(person, to: email, settings: settings, now: now)
            try await tx.audit.append(adminEvent(.emailChangeRequested, person, by: account, client, now, detail: "to=\(email.normalized)"))
        }
    }

    private static func email(_ raw: String?) throws -> EmailAddress {
        var errors = FormErrors()
        let email = ApplicationForm.email(raw, field: Field.email, errors: &errors)
        try errors.throwIfAny()
        guard let email else { throw errors }
        return email
    }

    private static func check(_ id: String?, _ email: EmailAddress, by account: Account, in tx: any StoreTransaction) async throws -> Person {
        let person = try await account.person(id, in: tx)
        guard person.status == .active else { throw AdminRefusal.stillInvited }
        guard person.role != .contractor else { throw AdminRefusal.contractorEmail }
        // Another contract's address is not refused (that would tell the admin it has an account):
        // it gets a notice instead of the link (``StoreTransaction/mailEmailChange(_:to:settings:now:)``).
        if let owner = try await tx.people.find(email: email), owner.contractID == account.contract.id {
            throw FormErrors([Field.email: .emailRegistered])
        }
        return person
    }

    /// The person and the new address behind a usable link. Throws ``TicketRejected`` or
    /// ``LineAccessRefused``.
    public func preview(ticket text: String?, client: ClientInfo) async throws -> (person: Person, email: EmailAddress) {
        let now = clock.now()
        return try await store.read { tx in
            let subject = try Self.subject(of: try await tx.usableTicket(text, purpose: .emailChange, now: now))
            return (try await tx.person(named: subject.person, over: client), subject.email)
        }
    }

    /// 「登録」 on the link's page. `browser` is the session of the browser that opened the link: when
    /// it is the person's own signed-in contract menu (the contractor who asked for the change), it
    /// stays and the contract menu shows next (manual 2.1 (6)); every other session ends. Throws
    /// ``TicketRejected``, ``FormErrors``, or ``RegistrationError/emailTaken`` when the address went to
    /// someone else meanwhile.
    @discardableResult
    public func complete(
        ticket text: String?, password: String?, confirmation: String?, browser: ActiveSession?, client: ClientInfo
    ) async throws -> EmailChangeOutcome {
        let (person, email) = try await preview(ticket: text, client: client)
        let hash = try await NewPassword.hash(password, confirmation: confirmation, email: email, policy: policy, hasher: hasher)
        do {
            try await store.transaction { [settings, clock] tx in
                try await Self.apply(
                    try TokenDigest(ofTicket: text), credential: .password(hash: hash), keeping: Self.kept(browser, for: person),
                    client: client, now: clock.now(), settings: settings, in: tx)
            }
        } catch StoreError.conflict {
            throw RegistrationError.emailTaken
        }
        return Self.kept(browser, for: person) == nil ? .signInAgain : .contractMenu
    }

    /// The session that stays: the browser's, when it is the person's own signed-in contract menu.
    static func kept(_ browser: ActiveSession?, for person: Person) -> TokenDigest? {
        browser.flatMap { session in
            session.isSignedIn && session.record.scope == .contractMenu && session.account?.person.id == person.id
                ? session.record.digest : nil
        }
    }

    /// Uses the link and changes the email with the new credential (SPEC F1: a password, or a
    /// provider account registered on the link's page): two-step, browsers and other sessions reset.
    static func apply(
        _ ticket: TokenDigest, credential: LoginCredential, keeping kept: TokenDigest?, client: ClientInfo, now: Date,
        settings: ServiceSettings, in tx: any StoreTransaction
    ) async throws {
        let subject = try Self.subject(of: try await tx.consumeTicket(ticket, purpose: .emailChange, now: now))
        let person = try await tx.person(named: subject.person, over: client)
        guard try await tx.directory.changeEmail(of: person.id, to: subject.email) else {
            throw RegistrationError.emailTaken
        }
        try await credential.store(for: person.id, in: tx, now: now)
        try await tx.signInFailures.unlock(person.email.normalized)
        try await tx.twoStep.delete(person.id)
        _ = try await tx.rememberedBrowsers.deleteAll(of: person.id)
        let sessions = try await tx.sessions.deleteAll(of: person.id, except: kept)
        try await tx.tickets.voidAll([.unlock, .passwordReset, .emailChange], voidKey: person.id.rawValue, at: now)
        try await tx.audit.append(AuditEvent(
            kind: .emailChanged, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
            detail: "from=\(person.email.normalized),to=\(subject.email.normalized),sessions_ended=\(sessions),\(credential.auditDetail)"))
        let notice = AdminMails(settings: settings).emailChanged(person, from: person.email, to: subject.email, at: now)
        try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
    }

    static func subject(of ticket: MailTicket) throws -> EmailChangeSubject {
        guard let subject = EmailChangeSubject(ticket.subject) else { throw TicketRejected() }
        return subject
    }
}

extension StoreTransaction {
    /// 【コーデックストレージ】メールアドレス変更登録 to the new address: the link (voiding older ones of
    /// the person) when the address is free; when someone holds it, a notice instead, and the older
    /// links are voided all the same. Whoever asked sees the same either way.
    func mailEmailChange(_ person: Person, to email: EmailAddress, settings: ServiceSettings, now: Date) async throws {
        guard try await people.find(email: email) == nil else {
            try await tickets.voidAll([.emailChange], voidKey: person.id.rawValue, at: now)
            let notice = AdminMails(settings: settings).emailChangeToRegisteredAddress(to: email)
            try await outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
            return
        }
        let link = try await issueTicket(
            .emailChange, subject: EmailChangeSubject(person: person.id, email: email).text, voidKey: person.id.rawValue,
            path: "/lo/email", settings: settings, now: now)
        try await outbox.enqueue(AdminMails(settings: settings).emailChange(person, to: email, link: link), messageID: settings.newMessageID(), at: now)
    }
}

/// Where the person goes after 「登録」 on the email-change link.
public enum EmailChangeOutcome: Sendable, Equatable {
    /// The contractor's own contract menu session stayed: the menu shows.
    case contractMenu
    /// Every session ended: sign in with the new email (and enrol two-step again).
    case signInAgain
}

/// What an email-change ticket is about: `<person id> <new email>` (an email has no spaces).
struct EmailChangeSubject {
    let person: PersonID
    let email: EmailAddress

    init(person: PersonID, email: EmailAddress) {
        self.person = person
        self.email = email
    }

    init?(_ text: String) {
        let parts = text.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let person = PersonID(parsing: String(parts[0])), let email = EmailAddress(parsing: String(parts[1])) else {
            return nil
        }
        self.init(person: person, email: email)
    }

    var text: String { "\(person.rawValue) \(email.value)" }
}
