import Foundation
import SekishoCore
import SQLKit

struct SQLSecurityKeys: SecurityKeyRepository {
    let db: any SQLDatabase

    func insert(_ key: SecurityKey) async throws -> Bool {
        try await db.insert(into: "security_keys")
            .columns("id", "person_id", "credential_id", "public_key", "sign_count", "name", "created_at", "last_used_at")
            .values(
                key.id.rawValue, key.personID.rawValue, key.credentialID, Base64URL.encode(Data(key.publicKey)), Int64(key.signCount),
                key.name, key.createdAt.unixSeconds, key.lastUsedAt?.unixSeconds)
            .ignoringConflicts(with: ["credential_id"])
            .returning("id").first() != nil
    }

    func list(for person: PersonID) async throws -> [SecurityKey] {
        try await db.select().column("*").from("security_keys").where("person_id", .equal, person.rawValue)
            .orderBy("created_at").orderBy("id").all().map(Self.key)
    }

    func find(credentialID: String, of person: PersonID) async throws -> SecurityKey? {
        try await db.select().column("*").from("security_keys")
            .where("credential_id", .equal, credentialID).where("person_id", .equal, person.rawValue)
            .first().map(Self.key)
    }

    func recordUse(_ id: SecurityKey.ID, counter old: UInt32, to new: UInt32, at now: Date) async throws -> Bool {
        try await db.update("security_keys").set("sign_count", to: Int64(new)).set("last_used_at", to: now.unixSeconds)
            .where("id", .equal, id.rawValue).where("sign_count", .equal, Int64(old))
            .returning("id").first() != nil
    }

    func delete(_ id: SecurityKey.ID, of person: PersonID) async throws -> Bool {
        try await db.delete(from: "security_keys").where("id", .equal, id.rawValue).where("person_id", .equal, person.rawValue)
            .returning("id").first() != nil
    }

    static func key(_ row: any SQLRow) throws -> SecurityKey {
        let encoded = try row.text("public_key")
        guard let publicKey = Base64URL.decode(encoded) else { throw CorruptRow(column: "public_key", value: encoded) }
        let count = try row.integer("sign_count")
        guard let signCount = UInt32(exactly: count) else { throw CorruptRow(column: "sign_count", value: String(count)) }
        return SecurityKey(
            id: SecurityKey.ID(rawValue: try row.text("id")), personID: PersonID(rawValue: try row.text("person_id")),
            credentialID: try row.text("credential_id"), publicKey: publicKey, signCount: signCount, name: try row.text("name"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"))
    }
}

struct SQLSecurityKeyChallenges: SecurityKeyChallengeRepository {
    let db: any SQLDatabase

    func put(_ challenge: SecurityKeyChallenge) async throws {
        try await db.insert(into: "security_key_challenges")
            .columns("session_digest", "purpose", "challenge", "expires_at")
            .values(challenge.session.hex, challenge.purpose.rawValue, challenge.challenge, challenge.expiresAt.unixSeconds)
            .onConflict(with: ["session_digest"]) { $0
                .set(excludedValueOf: "purpose").set(excludedValueOf: "challenge").set(excludedValueOf: "expires_at")
            }
            .run()
    }

    func take(session: TokenDigest, purpose: SecurityKeyChallenge.Purpose, now: Date) async throws -> SecurityKeyChallenge? {
        // Deleted whatever it holds: a challenge is answered once, right or wrong.
        guard let row = try await db.delete(from: "security_key_challenges").where("session_digest", .equal, session.hex)
            .returning("*").first()
        else { return nil }
        let challenge = SecurityKeyChallenge(
            session: session, purpose: try row.value("purpose", as: SecurityKeyChallenge.Purpose.self),
            challenge: try row.text("challenge"), expiresAt: try row.date("expires_at"))
        return challenge.purpose == purpose && challenge.expiresAt > now ? challenge : nil
    }
}
