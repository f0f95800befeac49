import Foundation
import SekishoCore
import SQLKit

/// The outbox as the delivery worker uses it. Claiming is one UPDATE that sets a lease, so two
/// instances on one PostgreSQL never send the same message at the same time; a worker that dies
/// mid-send loses its lease and the message goes out again (at least once).
struct SQLOutboxQueue: OutboxQueue {
    static let maxErrorLength = 500

    let backend: any SQLBackend

    func claimDue(now: Date, limit: Int, leaseUntil: Date) async throws -> [QueuedMessage] {
        let now = now.unixSeconds
        let lease = leaseUntil.unixSeconds
        // PostgreSQL: concurrent claimers skip each other's rows instead of all picking the same first ones.
        let skipLocked = backend.kind == .postgres ? SQLRaw(" FOR UPDATE SKIP LOCKED") : SQLRaw("")
        return try await backend.withTransaction { db in
            // The due ids are picked once (a materialised CTE; a plain subquery may be re-run after rows
            // change and pick more). The outer conditions repeat the inner ones: PostgreSQL re-checks
            // them on rows that a concurrent claim changed while this statement waited for their lock.
            try await db.raw("""
                WITH due AS MATERIALIZED (
                    SELECT id FROM outbox
                    WHERE delivered_at IS NULL AND next_attempt_at <= \(bind: now)
                      AND (lease_until IS NULL OR lease_until <= \(bind: now))
                    ORDER BY id LIMIT \(bind: limit)\(skipLocked))
                UPDATE outbox SET lease_until = \(bind: lease), attempts = attempts + 1
                WHERE id IN (SELECT id FROM due)
                  AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= \(bind: now))
                RETURNING *
                """).all().map(SQLOutbox.queued).sorted { $0.id < $1.id }
        }
    }

    func markDelivered(_ id: Int64, at now: Date) async throws {
        try await backend.withTransaction { db in
            try await db.update("outbox")
                .set("delivered_at", to: now.unixSeconds).set("lease_until", to: Int64?.none).set("last_error", to: String?.none)
                .where("id", .equal, id).run()
        }
    }

    func markFailed(_ id: Int64, error: String, retryAt: Date) async throws {
        let message = String(error.prefix(Self.maxErrorLength))
        try await backend.withTransaction { db in
            try await db.update("outbox")
                .set("lease_until", to: Int64?.none).set("next_attempt_at", to: retryAt.unixSeconds).set("last_error", to: message)
                .where("id", .equal, id).run()
        }
    }

    func recent(limit: Int) async throws -> [QueuedMessage] {
        try await backend.withReader { db in
            try await db.select().column("*").from("outbox").orderBy("id", .descending).limit(limit).all()
                .map(SQLOutbox.queued)
        }
    }

    func find(_ id: Int64) async throws -> QueuedMessage? {
        try await backend.withReader { db in
            try await db.select().column("*").from("outbox").where("id", .equal, id).first().map(SQLOutbox.queued)
        }
    }
}
