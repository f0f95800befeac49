import Foundation

/// 利用者登録 by the invitation link (SPEC E2, E3): the person chooses a password (twice, 「登録」),
/// a confirmation page shows what will be registered (「確認」), and its button activates the person.
/// The password hash waits on the invited person until then; the link is used by the confirmation.
public struct InvitedRegistration: Sendable {
    public enum Field {
        public static let password = NewPassword.field
        public static let confirmation = NewPassword.confirmationField
    }

    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy

    public init(store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
    }

    /// The invited person and their contract behind a usable link. Throws ``TicketRejected`` or
    /// ``LineAccessRefused``.
    public func preview(ticket text: String?, client: ClientInfo) async throws -> Account {
        let now = clock.now()
        return try await store.read { tx in try await Self.invited(text, client: client, now: now, in: tx) }
    }

    /// 「登録」: checks and stores the chosen password; the link stays usable for 「確認」.
    /// Throws ``TicketRejected`` or ``FormErrors``.
    @discardableResult
    public func choosePassword(ticket text: String?, password: String?, confirmation: String?, client: ClientInfo) async throws -> Account {
        let account = try await preview(ticket: text, client: client)
        let hash = try await NewPassword.hash(
            password, confirmation: confirmation, email: account.person.email, policy: policy, hasher: hasher)
        let now = clock.now()
        return try await store.transaction { tx in
            let account = try await Self.invited(text, client: client, now: now, in: tx)
            try await tx.passwords.set(hash, for: account.person.id, at: now)
            return account
        }
    }

    /// 「確認」: uses the link and activates the person, who then signs in. Throws ``TicketRejected``
    /// (also when no password was chosen yet: the form comes first).
    public func confirm(ticket text: String?, client: ClientInfo) async throws {
        let now = clock.now()
        try await store.transaction { tx in
            let ticket = try TokenDigest(ofTicket: text)
            let person = try await tx.person(named: try await tx.usableTicket(ticket, purpose: .invitation, now: now), over: client)
            guard let hash = try await tx.passwords.hash(for: person.id) else { throw TicketRejected() }
            try await Self.register(ticket, credential: .password(hash: hash), client: client, now: now, in: tx)
        }
    }

    /// Uses the invitation's ticket, activates the person with the credential (a password, or a
    /// provider account after 「Googleアカウントで登録」) and audits it. Throws ``TicketRejected``.
    static func register(
        _ ticket: TokenDigest, credential: LoginCredential, client: ClientInfo, now: Date, in tx: any StoreTransaction
    ) async throws {
        let person = try await tx.person(named: try await tx.consumeTicket(ticket, purpose: .invitation, now: now), over: client)
        guard try await tx.directory.activate(person.id) else { throw TicketRejected() }
        try await credential.store(for: person.id, in: tx, now: now)
        try await tx.audit.append(AuditEvent(
            kind: .personRegistered, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
            detail: credential.auditDetail))
    }

    private static func invited(_ text: String?, client: ClientInfo, now: Date, in tx: any StoreTransaction) async throws -> Account {
        let person = try await tx.person(named: try await tx.usableTicket(text, purpose: .invitation, now: now), over: client)
        guard person.status == .invited, let contract = try await tx.contracts.find(person.contractID), contract.status == .active else {
            throw TicketRejected()
        }
        return Account(person: person, contract: contract)
    }
}
