import Foundation
import SekishoCore
import SQLKit

struct SQLRateLimits: RateLimitRepository {
    let db: any SQLDatabase

    func hit(_ key: String, window: TimeInterval, now: Date) async throws -> RateWindow {
        let now = now.unixSeconds
        let expired = now - Int64(window)
        // One upsert on both databases: concurrent hits serialise on the row and each sees its own count.
        let row = try await db.raw("""
            INSERT INTO rate_limits (name, window_start, hits) VALUES (\(bind: key), \(bind: now), 1)
            ON CONFLICT (name) DO UPDATE SET
                hits = CASE WHEN rate_limits.window_start <= \(bind: expired) THEN 1 ELSE rate_limits.hits + 1 END,
                window_start = CASE WHEN rate_limits.window_start <= \(bind: expired) THEN \(bind: now)
                               ELSE rate_limits.window_start END
            RETURNING hits, window_start
            """).first()
        guard let row else { throw StoreError.missing("rate_limits") }
        return RateWindow(hits: Int(try row.integer("hits")), startedAt: try row.date("window_start"))
    }

    func current(_ key: String, window: TimeInterval, now: Date) async throws -> RateWindow? {
        try await db.select().column("hits").column("window_start").from("rate_limits")
            .where("name", .equal, key).where("window_start", .greaterThan, now.unixSeconds - Int64(window))
            .first().map { RateWindow(hits: Int(try $0.integer("hits")), startedAt: try $0.date("window_start")) }
    }

    func reset(_ key: String) async throws {
        try await db.delete(from: "rate_limits").where("name", .equal, key).run()
    }

    func deleteStale(before cutoff: Date) async throws -> Int {
        try await db.delete(from: "rate_limits").where("window_start", .lessThan, cutoff.unixSeconds)
            .returning("name").all().count
    }
}
