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

/// A text message to one mobile number, queued like mail and delivered by an ``SMSSender``.
public struct OutgoingSMS: Sendable, Equatable {
    public let to: PhoneNumber
    public let body: String

    public init(to: PhoneNumber, body: String) {
        self.to = to
        self.body = body
    }
}

/// The ways a queued message leaves (the outbox table's `channel`).
public enum OutboxChannel: String, Sendable, CaseIterable {
    case mail
    case sms
}

/// A message in the outbox table, as the delivery worker and the development mailbox see it.
public struct QueuedMessage: Sendable, Equatable {
    public let id: Int64
    /// Stable across retries, so a receiver can drop a duplicate of an at-least-once delivery.
    public let messageID: String
    public let channel: OutboxChannel
    /// An email address, or an E.164 number for SMS.
    public let recipient: String
    /// Empty for SMS.
    public let subject: String
    public let body: String
    public let createdAt: Date
    public let attempts: Int
    public let deliveredAt: Date?
    public let lastError: String?

    public init(
        id: Int64, messageID: String, channel: OutboxChannel, recipient: String, subject: String, body: String,
        createdAt: Date, attempts: Int, deliveredAt: Date?, lastError: String?
    ) {
        self.id = id
        self.messageID = messageID
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.attempts = attempts
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }
}
