public import Foundation

/// What a mail link is for. A ticket of one purpose never works for another.
public enum TicketPurpose: String, Sendable, CaseIterable {
    /// 新規契約お申込み: confirms the applicant's email (SPEC A2).
    case applicationConfirmation = "application"
    /// アカウントロック: the unlock link (SPEC H2).
    case unlock
    /// パスワードリセット: the new-password link (SPEC H4).
    case passwordReset = "password-reset"
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
    /// and returns the absolute link to `path` that carries it.
    func issueTicket(
        _ purpose: TicketPurpose, subject: String, voidKey: String, path: String, settings: ServiceSettings, now: Date
    ) async throws -> String {
        let ticket = SecretToken.generate()
        try await tickets.issue(MailTicket(
            digest: ticket.digest, purpose: purpose, subject: subject, voidKey: voidKey, createdAt: now,
            expiresAt: now.addingTimeInterval(settings.lifetime(of: purpose))))
        return settings.link(path, ticket: ticket)
    }
}

extension SecretToken {
    /// A ticket as it arrives in a link or a form: anything but a well-formed token is rejected
    /// before the database is asked.
    static func ticket(_ text: String?) throws -> SecretToken {
        guard let ticket = text.flatMap(SecretToken.init(parsing:)) else { throw TicketRejected() }
        return ticket
    }
}
