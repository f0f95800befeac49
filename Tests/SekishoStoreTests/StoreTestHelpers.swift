import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit

extension SQLStore {
    /// Ends PostgreSQL's backend `pid` as a restart of PostgreSQL ends every connection, and waits
    /// until it is gone.
    func terminatePostgresBackend(_ pid: Int) async throws {
        try await backend.withReader { admin in
            try await admin.raw("SELECT pg_terminate_backend(CAST(\(bind: pid) AS integer), 5000)").run()
        }
    }

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

    /// A browser remembered for `person`, as two-step with 「記憶する」 leaves one; returns its cookie's token.
    func rememberBrowser(of person: PersonID, at now: Date) async throws -> SecretToken {
        let token = SecretToken.generate()
        try await transaction { tx in
            try await tx.rememberedBrowsers.insert(RememberedBrowser(
                id: .random(), personID: person, digest: token.digest, label: "Chrome", createdAt: now, lastUsedAt: now))
        }
        return token
    }

    /// An unused `purpose` link of `person`'s, valid for a week; returns its ticket's digest.
    func outstandingTicket(_ purpose: TicketPurpose, of person: PersonID, at now: Date) async throws -> TokenDigest {
        let digest = SecretToken.generate().digest
        try await transaction { tx in
            try await tx.tickets.issue(MailTicket(
                digest: digest, purpose: purpose, subject: person.rawValue, voidKey: person.rawValue, createdAt: now,
                expiresAt: now.addingTimeInterval(7 * 86_400)))
        }
        return digest
    }

    /// Whether that link could still be used at `now`.
    func isUsable(_ digest: TokenDigest, _ purpose: TicketPurpose, at now: Date) async throws -> Bool {
        try await read { tx in try await tx.tickets.findUsable(digest, purpose: purpose, now: now) } != nil
    }

    func auditKinds() async throws -> [AuditEventKind] {
        try await read { tx in try await tx.audit.recent(limit: 100, person: nil) }.map(\.event.kind).reversed()
    }
}

extension SQLDatabase {
    /// The PostgreSQL backend serving this connection.
    func postgresBackendPID() async throws -> Int {
        try await raw("SELECT pg_backend_pid() AS pid").first(decodingColumn: "pid", as: Int.self) ?? 0
    }
}
