public import Foundation

/// What a mail link is for. A ticket of one purpose never works for another.
public enum TicketPurpose: String, Sendable, CaseIterable {
    /// 新規契約お申込み: confirms the applicant's email (SPEC A2).
    case applicationConfirmation = "application"
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
