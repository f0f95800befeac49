import Foundation
import SekishoCore
import SQLKit

/// Each method is one statement: on PostgreSQL the row lock and on SQLite the write lock order
/// concurrent attempts, and each sees the count the one before it left.
struct SQLSignInFailures: SignInFailureRepository {
    let db: any SQLDatabase

    func reserve(_ email: String, limit: Int, now: Date) async throws -> Int? {
        let now = now.unixSeconds
        // The WHERE of DO UPDATE leaves a locked or full row alone, and then nothing is returned.
        let row = try await db.raw("""
            INSERT INTO sign_in_failures (email, failures, locked_at, updated_at) VALUES (\(bind: email), 1, NULL, \(bind: now))
            ON CONFLICT (email) DO UPDATE SET failures = sign_in_failures.failures + 1, updated_at = \(bind: now)
            WHERE sign_in_failures.locked_at IS NULL AND sign_in_failures.failures < \(bind: Int64(limit))
            RETURNING failures
            """).first()
        return try row.map { Int(try $0.integer("failures")) }
    }

    func lockIfReached(_ email: String, limit: Int, now: Date) async throws -> Bool {
        try await db.update("sign_in_failures").set("locked_at", to: now.unixSeconds).set("updated_at", to: now.unixSeconds)
            .where("email", .equal, email).where("failures", .greaterThanOrEqual, Int64(limit))
            .where("locked_at", .is, SQLLiteral.null)
            .returning("email").first() != nil
    }

    func clearUnlessLocked(_ email: String) async throws -> Bool {
        try await db.delete(from: "sign_in_failures").where("email", .equal, email).where("locked_at", .is, SQLLiteral.null).run()
        return try await !isLocked(email)
    }

    func unlock(_ email: String) async throws -> Bool {
        try await db.delete(from: "sign_in_failures").where("email", .equal, email)
            .returning("locked_at").first().map { try $0.optionalDate("locked_at") != nil } ?? false
    }

    func isLocked(_ email: String) async throws -> Bool {
        try await db.select().column("email").from("sign_in_failures")
            .where("email", .equal, email).where("locked_at", .isNot, SQLLiteral.null).first() != nil
    }

    func deleteStale(before cutoff: Date) async throws -> Int {
        // A person's lock stays until the unlock link or a reset; an address nobody has is let go.
        try await db.raw("""
            DELETE FROM sign_in_failures WHERE updated_at < \(bind: cutoff.unixSeconds)
            AND (locked_at IS NULL OR email NOT IN (SELECT email_normalized FROM people))
            RETURNING email
            """).all().count
    }
}
