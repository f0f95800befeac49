public import Foundation

/// A message to one recipient, composed by a use case and queued in the same transaction as the
/// change it reports. Bodies are plain UTF-8 text.
public struct OutgoingMail: Sendable, Equatable {
    public let to: String
    public let subject: String
    public let body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// A message in the outbox table, as the delivery worker and the development mailbox see it.
public struct QueuedMail: Sendable, Equatable {
    public let id: Int64
    /// Stable across retries, so a receiver can drop a duplicate of an at-least-once delivery.
    public let messageID: String
    public let mail: OutgoingMail
    public let createdAt: Date
    public let attempts: Int
    public let deliveredAt: Date?
    public let lastError: String?

    public init(id: Int64, messageID: String, mail: OutgoingMail, createdAt: Date, attempts: Int, deliveredAt: Date?, lastError: String?) {
        self.id = id
        self.messageID = messageID
        self.mail = mail
        self.createdAt = createdAt
        self.attempts = attempts
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }
}
