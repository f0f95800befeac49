/// Delivers one queued message. Implementations: a file outbox for development and SMTP for
/// production (`SekishoDelivery`). Called only by the outbox worker, never by a use case, so a slow
/// or absent mail server never fails a request.
public protocol Mailer: Sendable {
    /// Delivers `mail` with the stable `messageID`; throws when it should be retried later.
    func deliver(_ mail: QueuedMessage) async throws
}

/// Delivers one queued SMS (channel ``OutboxChannel/sms``). Implementations: a file outbox for
/// development and an HTTP provider (`SekishoDelivery`). Like ``Mailer``, called only by the outbox
/// worker.
public protocol SMSSender: Sendable {
    /// Sends `message.body` to `message.recipient` (E.164); throws when it should be retried later.
    func deliver(_ message: QueuedMessage) async throws
}
