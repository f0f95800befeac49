public import Foundation

/// What a mail link is for. A ticket of one purpose never works for another.
public enum TicketPurpose: String, Sendable, CaseIterable {
    /// 新規契約お申込み: confirms the applicant's email (SPEC A2).
    case applicationConfirmation = "application"
    /// アカウントロック: the unlock link (SPEC H2).
    case unlock
    /// パスワードリセット: the new-password link (SPEC H4).
    case passwordReset = "password-reset"
    /// 利用者登録のご案内: the invited person's registration link (SPEC E1).
    case invitation
    /// メールアドレス変更登録: the link to the new address (SPEC F3, F5).
    case emailChange = "email-change"
}

/// A mail link's ticket (SPEC L2): random, stored only as a digest, single use, with an expiry.
/// `subject` names what it acts on (an application id); a newer ticket for the same purpose and
/// `voidKey` voids the older ones.
public struct MailTicket: Sendable, Equatable {
    public let digest: TokenDigest
    public let purpose: TicketPurpose
    public let subject: String
    public let voidKey: String
    public let createdAt: Date
    public let expiresAt: Date

    public init(digest: TokenDigest, purpose: TicketPurpose, subject: String, voidKey: String, createdAt: Date, expiresAt: Date) {
        self.digest = digest
        self.purpose = purpose
        self.subject = subject
        self.voidKey = voidKey
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension StoreTransaction {
    /// Stores a fresh ticket of `purpose` for `subject`, voiding older ones of the same `voidKey`,
    /// and returns the absolute link to `path` that carries it. A person's link (their id is the
    /// `voidKey`) points at the line entrance when their contract is line-only (SPEC D5).
    func issueTicket(
        _ purpose: TicketPurpose, subject: String, voidKey: String, path: String, settings: ServiceSettings, now: Date
    ) async throws -> String {
        let ticket = SecretToken.generate()
        try await tickets.issue(MailTicket(
            digest: ticket.digest, purpose: purpose, subject: subject, voidKey: voidKey, createdAt: now,
            expiresAt: now.addingTimeInterval(settings.lifetime(of: purpose))))
        var lineOnly = false
        if purpose != .applicationConfirmation, settings.lineEntranceURL != nil,
           let person = try await people.find(PersonID(rawValue: voidKey)) {
            lineOnly = try await contracts.find(person.contractID)?.accessRoute == .lineOnly
        }
        return settings.link(path, ticket: ticket, onLineEntrance: lineOnly)
    }
}

extension TokenDigest {
    /// The digest of a link's ticket text; malformed text never reaches the database. Throws
    /// ``TicketRejected``.
    public init(ofTicket text: String?) throws {
        guard let token = text.flatMap(SecretToken.init(parsing:)) else { throw TicketRejected() }
        self = token.digest
    }
}

extension StoreTransaction {
    /// The usable ticket behind a link's text, without using it. Malformed text never reaches the
    /// database. Throws ``TicketRejected``.
    func usableTicket(_ text: String?, purpose: TicketPurpose, now: Date) async throws -> MailTicket {
        try await usableTicket(try TokenDigest(ofTicket: text), purpose: purpose, now: now)
    }

    /// The usable ticket of a digest kept across a provider round trip. Throws ``TicketRejected``.
    func usableTicket(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket {
        guard let ticket = try await tickets.findUsable(digest, purpose: purpose, now: now) else { throw TicketRejected() }
        return ticket
    }

    /// Uses the ticket behind a link's text; of concurrent calls for one ticket exactly one gets it.
    /// Throws ``TicketRejected``.
    func consumeTicket(_ text: String?, purpose: TicketPurpose, now: Date) async throws -> MailTicket {
        try await consumeTicket(try TokenDigest(ofTicket: text), purpose: purpose, now: now)
    }

    func consumeTicket(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket {
        guard let ticket = try await tickets.consume(digest, purpose: purpose, now: now) else { throw TicketRejected() }
        return ticket
    }

    /// The person a ticket about a person (unlock, reset) names. Throws ``TicketRejected`` when gone.
    func person(named ticket: MailTicket) async throws -> Person {
        try await person(named: PersonID(rawValue: ticket.subject))
    }

    /// The person a link is about. Throws ``TicketRejected`` when gone.
    func person(named id: PersonID) async throws -> Person {
        guard let person = try await people.find(id) else { throw TicketRejected() }
        return person
    }

    /// The person a link is about, when line authentication lets `client` act for them (SPEC D5:
    /// a line-only contract's links work over its registered lines only). Throws ``TicketRejected``
    /// or ``LineAccessRefused``.
    func person(named id: PersonID, over client: ClientInfo) async throws -> Person {
        let person = try await person(named: id)
        try await LineAccess.mailLink(of: person, client: client, in: self)
        return person
    }

    /// The person a ticket about a person names, under the same rule.
    func person(named ticket: MailTicket, over client: ClientInfo) async throws -> Person {
        try await person(named: PersonID(rawValue: ticket.subject), over: client)
    }
}
