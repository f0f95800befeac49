import Foundation
import SekishoCore
import SQLKit

struct SQLRememberedBrowsers: RememberedBrowserRepository {
    let db: any SQLDatabase

    func insert(_ browser: RememberedBrowser) async throws {
        try await db.insert(into: "remembered_browsers")
            .columns("id", "person_id", "digest", "label", "created_at", "last_used_at")
            .values(
                browser.id.rawValue, browser.personID.rawValue, browser.digest.hex, browser.label,
                browser.createdAt.unixSeconds, browser.lastUsedAt.unixSeconds)
            .run()
    }

    func find(_ digest: TokenDigest) async throws -> RememberedBrowser? {
        try await db.select().column("*").from("remembered_browsers").where("digest", .equal, digest.hex)
            .first().map(Self.browser)
    }

    func touch(_ id: RememberedBrowser.ID, at now: Date) async throws {
        try await db.update("remembered_browsers").set("last_used_at", to: now.unixSeconds).where("id", .equal, id.rawValue).run()
    }

    /// Written out rather than built: home reads it on every visit, and serialising the builder's
    /// statement was 4 % of a signed-in page; prepared (PostgreSQL) for the same reason.
    func list(for person: PersonID) async throws -> [RememberedBrowser] {
        try await db.preparedRows("""
            SELECT id, person_id, digest, label, created_at, last_used_at FROM remembered_browsers
            WHERE person_id = \(bind: person.rawValue) ORDER BY last_used_at DESC, id
            """).map(Self.browser)
    }

    func delete(_ id: RememberedBrowser.ID, of person: PersonID) async throws -> Bool {
        try await db.delete(from: "remembered_browsers")
            .where("id", .equal, id.rawValue).where("person_id", .equal, person.rawValue)
            .returning("id").first() != nil
    }

    func deleteAll(of person: PersonID) async throws -> Int {
        try await db.delete(from: "remembered_browsers").where("person_id", .equal, person.rawValue)
            .returning("id").all().count
    }

    func deleteUnused(since cutoff: Date) async throws -> Int {
        try await db.delete(from: "remembered_browsers").where("last_used_at", .lessThanOrEqual, cutoff.unixSeconds)
            .returning("id").all().count
    }

    static func browser(_ row: any SQLRow) throws -> RememberedBrowser {
        RememberedBrowser(
            id: RememberedBrowser.ID(rawValue: try row.text("id")), personID: PersonID(rawValue: try row.text("person_id")),
            digest: TokenDigest(hex: try row.text("digest")), label: try row.text("label"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.date("last_used_at"))
    }
}
