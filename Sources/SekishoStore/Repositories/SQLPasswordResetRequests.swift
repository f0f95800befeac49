import Foundation
import SekishoCore
import SQLKit

struct SQLPasswordResetRequests: PasswordResetRequestRepository {
    let db: any SQLDatabase

    func enqueue(email: EmailAddress, client: ClientInfo, at now: Date) async throws {
        try await db.insert(into: "password_reset_requests").columns("email", "address", "user_agent", "requested_at")
            .values(email.value, client.address, client.userAgent, now.unixSeconds).run()
    }

    func waiting(limit: Int) async throws -> [Int64] {
        try await db.select().column("id").from("password_reset_requests").orderBy("id").limit(limit).all()
            .map { try $0.integer("id") }
    }

    func take(_ id: Int64) async throws -> PasswordResetRequest? {
        // One DELETE: of two workers taking the same request, the second finds nothing.
        try await db.delete(from: "password_reset_requests").where("id", .equal, id).returning("*").first().map { row in
            PasswordResetRequest(
                id: try row.integer("id"), email: try row.email("email"),
                client: ClientInfo(address: try row.text("address"), userAgent: try row.text("user_agent")),
                requestedAt: try row.date("requested_at"))
        }
    }
}
