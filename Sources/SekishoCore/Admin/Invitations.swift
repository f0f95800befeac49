import Foundation

/// 利用者登録 in the admin console (SPEC E1, K1): register a user by name and email, which mails the
/// invitation; resend it (voiding the older link) or withdraw it. The invited person exists as a
/// person with status `invited`, so the unique email index keeps one address to one person across
/// every contract, even for invitations sent at the same moment.
///
/// An address that has an account in another contract is not refused: that would tell any admin,
/// a free trial's contractor included, which addresses have accounts (ASVS 6.3.8). The invitation
/// is answered, listed and audited like any other, but its person does not hold the address
/// (``PersonRepository/insertWithoutAddress(_:)``) and the address gets a notice instead of a link.
/// Only the address's owner learns of it. An address of this contract's own people is refused.
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

    /// Throws ``FormErrors``: name and email problems, or an address this contract already has
    /// (`emailRegistered`).
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
        return try await store.sensitiveAdminChange(by: account, at: now) { tx in
            let person = Person(
                id: .random(), contractID: account.contract.id, email: email, name: name, role: admin ? .admin : .user,
                loginMethod: .password, createdAt: now, status: .invited)
            try await Self.deliver(try await Self.place(person, in: tx), to: person, by: account, settings: settings, now: now, in: tx)
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
            try await Self.deliver(try await Self.redelivery(person, in: tx), to: person, by: account, settings: settings, now: now, in: tx)
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

    /// What an invited address gets: the registration link, or a notice that it has an account.
    enum Delivery { case link, notice }

    /// Writes the invited person: holding the address when it is free, without it when another
    /// contract's person holds it. Throws ``FormErrors`` (`emailRegistered`) for an address of this
    /// contract, its people's or its invitations'.
    private static func place(_ person: Person, in tx: any StoreTransaction) async throws -> Delivery {
        let registered = FormErrors([Field.email: .emailRegistered])
        guard try await !tx.people.hasInvitationWithoutAddress(person.email, in: person.contractID) else { throw registered }
        if try await tx.people.insert(person) { return .link }
        guard let owner = try await tx.people.find(email: person.email), owner.contractID != person.contractID,
              try await tx.people.insertWithoutAddress(person)
        else { throw registered }
        return .notice
    }

    /// What a resend gets: a person holding their address gets a new link; one whose address someone
    /// else holds gets the notice again; one whose address was freed since claims it now.
    private static func redelivery(_ person: Person, in tx: any StoreTransaction) async throws -> Delivery {
        if let owner = try await tx.people.find(email: person.email) { return owner.id == person.id ? .link : .notice }
        return try await tx.people.claimAddress(of: person) ? .link : .notice
    }

    private static func deliver(
        _ delivery: Delivery, to person: Person, by account: Account, settings: ServiceSettings, now: Date, in tx: any StoreTransaction
    ) async throws {
        let mails = AdminMails(settings: settings)
        switch delivery {
        case .link:
            try await tx.signInFailures.unlock(person.email.normalized)
            let link = try await tx.issueTicket(
                .invitation, subject: person.id.rawValue, voidKey: person.id.rawValue, path: "/register", settings: settings, now: now)
            try await tx.outbox.enqueue(mails.invitation(person, invitedBy: account.person.email, link: link), messageID: settings.newMessageID(), at: now)
        case .notice:
            let notice = mails.invitationToRegisteredAddress(person, invitedBy: account.person.email)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
        }
    }
}
