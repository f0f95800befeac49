import Foundation
import SekishoCore
import SQLKit

struct SQLSessions: SessionRepository {
    let db: any SQLDatabase

    func insert(_ session: SessionRecord) async throws {
        try await db.insert(into: "sessions")
            .columns(
                "digest", "person_id", "stage", "scope", "created_at", "last_seen_at", "pending_secret", "remember_browser", "line_number",
                "browser")
            .values(
                session.digest.hex, session.personID?.rawValue, session.stage.rawValue, session.scope.rawValue,
                session.createdAt.unixSeconds, session.lastSeenAt.unixSeconds, session.pendingSecret,
                Int64(session.rememberBrowser ? 1 : 0), session.line?.value, session.browser)
            .run()
    }

    func find(_ digest: TokenDigest) async throws -> SessionRecord? {
        try await db.select().column("*").from("sessions").where("digest", .equal, digest.hex).first()
            .map { try Self.record($0, digest: digest) }
    }

    /// One query where three would do the same: every signed-in request starts here.
    func findWithAccount(_ digest: TokenDigest) async throws -> (session: SessionRecord, account: Account?)? {
        guard let row = try await db.preparedRows("""
            SELECT \(unsafeRaw: Self.sessionAndAccountColumns) FROM sessions s
            LEFT JOIN people p ON p.id = s.person_id LEFT JOIN contracts c ON c.id = p.contract_id
            WHERE s.digest = \(bind: digest.hex)
            """).first
        else { return nil }
        let session = try Self.record(row, digest: digest)
        guard try row.optionalText("p_id") != nil else { return (session, nil) }
        return (session, Account(person: try SQLPeople.person(row, prefix: "p_"), contract: try SQLContracts.contract(row, prefix: "c_"),
                               provedAt: session.createdAt))
    }

    func list(of person: PersonID) async throws -> [SessionRecord] {
        try await db.select().column("*").from("sessions").where("person_id", .equal, person.rawValue)
            .orderBy("last_seen_at", .descending).limit(100).all()
            .map { try Self.record($0, digest: TokenDigest(hex: try $0.text("digest"))) }
    }

    /// The columns ``record(_:digest:)`` reads.
    private static let columns = [
        "person_id", "stage", "scope", "created_at", "last_seen_at", "pending_secret", "remember_browser", "line_number", "browser",
    ]

    /// The session's columns, and the person's and contract's named `p_…` and `c_…` apart from them.
    private static let sessionAndAccountColumns =
        (columns.map { "s.\($0)" } + SQLPeople.columns.map { "p.\($0) AS p_\($0)" } + SQLContracts.columns.map { "c.\($0) AS c_\($0)" })
        .joined(separator: ", ")

    private static func record(_ row: any SQLRow, digest: TokenDigest) throws -> SessionRecord {
        SessionRecord(
            digest: digest, personID: try row.optionalText("person_id").map(PersonID.init(rawValue:)),
            stage: try row.value("stage", as: SessionStage.self), scope: try row.value("scope", as: SessionScope.self),
            createdAt: try row.date("created_at"),
            lastSeenAt: try row.date("last_seen_at"), pendingSecret: try row.optionalText("pending_secret"),
            rememberBrowser: try row.integer("remember_browser") != 0,
            line: try row.optionalText("line_number").map { text in
                guard let line = try? LineNumber(parsing: text) else { throw CorruptRow(column: "line_number", value: text) }
                return line
            },
            browser: try row.optionalText("browser"))
    }

    func update(_ session: SessionRecord) async throws {
        try await db.update("sessions")
            .set("stage", to: session.stage.rawValue).set("pending_secret", to: session.pendingSecret)
            .set("remember_browser", to: Int64(session.rememberBrowser ? 1 : 0))
            .where("digest", .equal, session.digest.hex).run()
    }

    func touch(_ digest: TokenDigest, at now: Date) async throws {
        try await db.update("sessions").set("last_seen_at", to: now.unixSeconds).where("digest", .equal, digest.hex).run()
    }

    func delete(_ digest: TokenDigest) async throws -> Bool {
        try await db.delete(from: "sessions").where("digest", .equal, digest.hex).returning("digest").first() != nil
    }

    func deleteAll(of person: PersonID, except kept: TokenDigest?) async throws -> Int {
        var delete = db.delete(from: "sessions").where("person_id", .equal, person.rawValue)
        if let kept { delete = delete.where("digest", .notEqual, kept.hex) }
        return try await delete.returning("digest").all().count
    }

    func deleteAll(inContract contract: ContractID, except kept: TokenDigest?) async throws -> Int {
        var delete = db.delete(from: "sessions")
            .where("person_id", .in, SQLSubquery.select { $0.column("id").from("people").where("contract_id", .equal, contract.rawValue) })
        if let kept { delete = delete.where("digest", .notEqual, kept.hex) }
        return try await delete.returning("digest").all().count
    }

    func deleteExpired(idleCutoff: Date, absoluteCutoff: Date) async throws -> Int {
        try await db.delete(from: "sessions")
            .where("last_seen_at", .lessThanOrEqual, idleCutoff.unixSeconds)
            .orWhere("created_at", .lessThanOrEqual, absoluteCutoff.unixSeconds)
            .returning("digest").all().count
    }
}
