import Foundation
import SekishoCore
import SQLKit

struct SQLTickets: TicketRepository {
    let db: any SQLDatabase

    func issue(_ ticket: MailTicket) async throws {
        // A newer link voids the older ones of the same kind (SPEC L2).
        try await db.update("mail_tickets").set("used_at", to: ticket.createdAt.unixSeconds)
            .where("purpose", .equal, ticket.purpose.rawValue).where("void_key", .equal, ticket.voidKey)
            .where("used_at", .is, SQLLiteral.null)
            .run()
        try await db.insert(into: "mail_tickets")
            .columns("digest", "purpose", "subject", "void_key", "created_at", "expires_at", "used_at")
            .values(
                ticket.digest.hex, ticket.purpose.rawValue, ticket.subject, ticket.voidKey,
                ticket.createdAt.unixSeconds, ticket.expiresAt.unixSeconds, Int64?.none)
            .run()
    }

    func voidAll(_ purposes: [TicketPurpose], voidKey: String, at now: Date) async throws {
        try await db.update("mail_tickets").set("used_at", to: now.unixSeconds)
            .where("purpose", .in, purposes.map(\.rawValue)).where("void_key", .equal, voidKey)
            .where("used_at", .is, SQLLiteral.null)
            .run()
    }

    func findUsable(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket? {
        try await db.select().column("*").from("mail_tickets")
            .where("digest", .equal, digest.hex).where("purpose", .equal, purpose.rawValue)
            .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds)
            .first().map(Self.ticket)
    }

    func consume(_ digest: TokenDigest, purpose: TicketPurpose, now: Date) async throws -> MailTicket? {
        // One statement: the row lock (PostgreSQL) or the write lock (SQLite) lets exactly one caller match.
        try await db.update("mail_tickets").set("used_at", to: now.unixSeconds)
            .where("digest", .equal, digest.hex).where("purpose", .equal, purpose.rawValue)
            .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds)
            .returning("*").first().map(Self.ticket)
    }

    func voidAll(inContract contract: ContractID, at now: Date) async throws {
        try await db.raw("""
            UPDATE mail_tickets SET used_at = \(bind: now.unixSeconds)
            WHERE used_at IS NULL AND void_key IN (SELECT id FROM people WHERE contract_id = \(bind: contract.rawValue))
            """).run()
    }

    func deleteExpired(before cutoff: Date) async throws -> Int {
        try await db.delete(from: "mail_tickets").where("expires_at", .lessThan, cutoff.unixSeconds)
            .returning("digest").all().count
    }

    static func ticket(_ row: any SQLRow) throws -> MailTicket {
        MailTicket(
            digest: TokenDigest(hex: try row.text("digest")), purpose: try row.value("purpose", as: TicketPurpose.self),
            subject: try row.text("subject"), voidKey: try row.text("void_key"), createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"))
    }
}
