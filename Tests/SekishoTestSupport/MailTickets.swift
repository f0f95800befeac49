import Foundation
public import SekishoCore

/// Mail links as a test reads them back from the outbox.
public enum MailTickets {
    /// The ticket of the first `ticket=` link in a mail body.
    public static func ticket(in body: String) -> String? {
        guard let range = body.range(of: #"ticket=[A-Za-z0-9_-]{43}"#, options: .regularExpression) else { return nil }
        return String(body[range].dropFirst("ticket=".count))
    }

    /// The ticket in the newest queued mail to `recipient`.
    public static func latest(to recipient: String, in outbox: any OutboxQueue) async throws -> String? {
        let mails = try await outbox.recent(limit: 50).filter { $0.recipient == recipient }
        return mails.first.flatMap { ticket(in: $0.body) }
    }
}
