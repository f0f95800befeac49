/// Delivers one queued message. Implementations: a file outbox for development and SMTP for
/// production (`SekishoDelivery`). Called only by the outbox worker, never by a use case, so a slow
/// or absent mail server never fails a request.
public protocol Mailer: Sendable {
    /// Delivers `mail` with the stable `messageID`; throws when it should be retried later.
    func deliver(_ mail: QueuedMail) async throws
}
