import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit

extension SQLStore {
    /// Rows in `table`, for asserting that nothing was half-written.
    func count(_ table: String) async throws -> Int {
        try await backend.withReader { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// The ticket in the newest mail to `recipient`.
    func latestTicket(to recipient: String) async throws -> String? {
        try await MailTickets.latest(to: recipient, in: outboxQueue)
    }

    static func ticket(in body: String) -> String? {
        MailTickets.ticket(in: body)
    }

    func auditKinds() async throws -> [AuditEventKind] {
        try await read { tx in try await tx.audit.recent(limit: 100, person: nil) }.map(\.event.kind).reversed()
    }
}
