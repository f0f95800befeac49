import Foundation
import SekishoCore
import SQLKit

/// Queues a message inside the caller's transaction: it is sent only if the change commits.
struct SQLOutbox: OutboxRepository {
    let db: any SQLDatabase

    func enqueue(_ mail: OutgoingMail, messageID: String, at now: Date) async throws {
        try await db.insert(into: "outbox")
            .columns("channel", "recipient", "subject", "body", "message_id", "created_at", "attempts", "next_attempt_at")
            .values("mail", mail.to, mail.subject, mail.body, messageID, now.unixSeconds, Int64(0), now.unixSeconds)
            .run()
    }

    func enqueue(_ sms: OutgoingSMS, messageID: String, at now: Date) async throws {
        try await db.insert(into: "outbox")
            .columns("channel", "recipient", "subject", "body", "message_id", "created_at", "attempts", "next_attempt_at")
            .values("sms", sms.to.e164, "", sms.body, messageID, now.unixSeconds, Int64(0), now.unixSeconds)
            .run()
    }

    static func queued(_ row: any SQLRow) throws -> QueuedMessage {
        QueuedMessage(
            id: try row.integer("id"), messageID: try row.text("message_id"),
            channel: try row.value("channel", as: OutboxChannel.self), recipient: try row.text("recipient"),
            subject: try row.text("subject"), body: try row.text("body"),
            createdAt: try row.date("created_at"), attempts: Int(try row.integer("attempts")),
            deliveredAt: try row.optionalDate("delivered_at"), lastError: try row.optionalText("last_error"))
    }
}
