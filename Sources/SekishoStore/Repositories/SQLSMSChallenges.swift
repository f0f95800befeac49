import Foundation
import SekishoCore
import SQLKit

struct SQLSMSChallenges: SMSChallengeRepository {
    let db: any SQLDatabase

    func put(_ challenge: SMSChallenge) async throws {
        // One upsert: two resends at the same moment replace each other instead of colliding.
        try await db.insert(into: "sms_challenges")
            .columns("session_digest", "person_id", "phone", "code_digest", "expires_at", "tries")
            .values(
                challenge.session.hex, challenge.personID.rawValue, challenge.phone.e164, challenge.codeDigest,
                challenge.expiresAt.unixSeconds, Int64(challenge.tries))
            .onConflict(with: ["session_digest"]) { $0
                .set(excludedValueOf: "person_id").set(excludedValueOf: "phone").set(excludedValueOf: "code_digest")
                .set(excludedValueOf: "expires_at").set(excludedValueOf: "tries")
            }
            .run()
    }

    func find(session: TokenDigest) async throws -> SMSChallenge? {
        try await db.select().column("*").from("sms_challenges").where("session_digest", .equal, session.hex)
            .first().map(Self.challenge)
    }

    func countTry(session: TokenDigest, maxTries: Int, now: Date) async throws -> SMSChallenge? {
        try await db.update("sms_challenges").set("tries", to: SQLRaw("tries + 1"))
            .where("session_digest", .equal, session.hex).where("tries", .lessThan, Int64(maxTries))
            .where("expires_at", .greaterThan, now.unixSeconds)
            .returning("*").first().map(Self.challenge)
    }

    func delete(session: TokenDigest) async throws -> Bool {
        try await db.delete(from: "sms_challenges").where("session_digest", .equal, session.hex)
            .returning("session_digest").first() != nil
    }

    static func challenge(_ row: any SQLRow) throws -> SMSChallenge {
        let raw = try row.text("phone")
        guard let phone = PhoneNumber(raw) else { throw CorruptRow(column: "phone", value: raw) }
        return SMSChallenge(
            session: TokenDigest(hex: try row.text("session_digest")), personID: PersonID(rawValue: try row.text("person_id")),
            phone: phone, codeDigest: try row.text("code_digest"), expiresAt: try row.date("expires_at"),
            tries: Int(try row.integer("tries")))
    }
}
