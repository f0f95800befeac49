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
            INSERT INTO sign_in_failures (email, attempts, failures, locked_at, updated_at)
            VALUES (\(bind: email), 1, 0, NULL, \(bind: now))
            ON CONFLICT (email) DO UPDATE SET attempts = sign_in_failures.attempts + 1, updated_at = \(bind: now)
            WHERE sign_in_failures.locked_at IS NULL AND sign_in_failures.attempts < \(bind: Int64(limit))
            RETURNING attempts
            """).first()
        return try row.map { Int(try $0.integer("attempts")) }
    }

    func recordFailure(_ email: String, limit: Int, now: Date) async throws -> Bool {
        let now = now.unixSeconds
        // SET expressions read the row as it was, so `failures + 1` is this failure's number.
        let row = try await db.raw("""
            UPDATE sign_in_failures SET failures = failures + 1, updated_at = \(bind: now),
                locked_at = CASE WHEN failures + 1 >= \(bind: Int64(limit)) THEN \(bind: now) ELSE NULL END
            WHERE email = \(bind: email) AND locked_at IS NULL
            RETURNING locked_at
            """).first()
        return try row?.optionalDate("locked_at") != nil
    }

    func release(_ email: String) async throws {
        try await db.raw("""
            UPDATE sign_in_failures SET attempts = attempts - 1
            WHERE email = \(bind: email) AND attempts > failures AND locked_at IS NULL
            """).run()
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

    func deleteStale(countsBefore countCutoff: Date, locksBefore lockCutoff: Date) async throws -> Int {
        // One rule for every email: a lock never tells whether the address has an account.
        try await db.raw("""
            DELETE FROM sign_in_failures
            WHERE (locked_at IS NULL AND updated_at < \(bind: countCutoff.unixSeconds))
            OR locked_at < \(bind: lockCutoff.unixSeconds)
            RETURNING email
            """).all().count
    }
}
