import Foundation

/// 利用者登録 in the admin console (SPEC E1, K1): register a user by name and email, which mails the
/// invitation; resend it (voiding the older link) or withdraw it. The invited person exists as a
/// person with status `invited`, so the unique email index keeps one address to one person across
/// every contract, even for invitations sent at the same moment.
public struct Invitations: Sendable {
    public enum Field {
        public static let name = "name"
        public static let email = "email"
        public static let admin = "admin"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Throws ``FormErrors``: name and email problems, an address already registered in this contract
    /// (`emailRegistered`) or elsewhere (`emailUnavailable`, which says nothing of the other contract).
    @discardableResult
    public func invite(name: String?, email: String?, admin: Bool, by account: Account, client: ClientInfo) async throws -> Person {
        try AdminAccess.require(account)
        var errors = FormErrors()
        let name = TextInput.required(name, field: Field.name, maxLength: ApplicationForm.maxNameLength, errors: &errors)
        let email = ApplicationForm.email(email, field: Field.email, errors: &errors)
        try errors.throwIfAny()
        guard let name, let email else { throw errors }
        let now = clock.now()
        let settings = self.settings
        return try await store.adminChange(by: account) { tx in
            let person = Person(
                id: .random(), contractID: account.contract.id, email: email, name: name, role: admin ? .admin : .user,
                loginMethod: .password, createdAt: now, status: .invited)
            guard try await tx.people.insert(person) else {
                let owner = try await tx.people.find(email: email)
                throw FormErrors([Field.email: owner?.contractID == account.contract.id ? .emailRegistered : .emailUnavailable])
            }
            try await tx.signInFailures.unlock(email.normalized)
            try await Self.mailInvitation(to: person, by: account, settings: settings, now: now, in: tx)
            try await tx.audit.append(adminEvent(.personInvited, person, by: account, client, now, detail: "role=\(person.role.rawValue)"))
            return person
        }
    }

    /// A new link for an invited person; the older one stops working.
    public func resend(person id: String?, by account: Account, client: ClientInfo) async throws {
        try AdminAccess.require(account)
        let now = clock.now()
        let settings = self.settings
        try await store.adminChange(by: account) { tx in
            let person = try await account.person(id, in: tx)
            guard person.status == .invited else { throw AdminRefusal.notInvited }
            try await Self.mailInvitation(to: person, by: account, settings: settings, now: now, in: tx)
            try await tx.audit.append(adminEvent(.invitationResent, person, by: account, client, now, detail: "to=\(person.email.normalized)"))
        }
    }

    /// Withdraws an invitation: the person and their link are gone.
    public func withdraw(person id: String?, by account: Account, client: ClientInfo) async throws {
        try AdminAccess.require(account)
        let now = clock.now()
        try await store.adminChange(by: account) { tx in
            let person = try await account.person(id, in: tx)
            guard person.status == .invited else { throw AdminRefusal.notInvited }
            try await tx.tickets.voidAll([.invitation], voidKey: person.id.rawValue, at: now)
            guard try await tx.directory.delete(person.id, in: account.contract.id) else { throw PersonNotFound() }
            try await tx.audit.append(adminEvent(.invitationWithdrawn, person, by: account, client, now, detail: "email=\(person.email.normalized)"))
        }
    }

    private static func mailInvitation(
        to person: Person, by account: Account, settings: ServiceSettings, now: Date, in tx: any StoreTransaction
    ) async throws {
        let link = try await tx.issueTicket(
            .invitation, subject: person.id.rawValue, voidKey: person.id.rawValue, path: "/register", settings: settings, now: now)
        let mail = AdminMails(settings: settings).invitation(person, invitedBy: account.person.email, link: link)
        try await tx.outbox.enqueue(mail, messageID: settings.newMessageID(), at: now)
    }
}
