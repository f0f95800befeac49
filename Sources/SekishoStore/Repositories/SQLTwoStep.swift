import Foundation
import SekishoCore
import SQLKit

struct SQLTwoStep: TwoStepRepository {
    let db: any SQLDatabase

    func find(_ person: PersonID) async throws -> TwoStepRegistration? {
        try await db.select().column("*").from("two_step_registrations").where("person_id", .equal, person.rawValue)
            .first().map(Self.registration)
    }

    func save(_ registration: TwoStepRegistration) async throws {
        // One upsert: two saves at the same moment replace each other instead of colliding on the key.
        try await db.insert(into: "two_step_registrations")
            .columns("person_id", "method", "sealed_key", "phone", "last_step", "recovery_digest", "recovery_saved",
                     "confirmed_at", "created_at")
            .values(
                registration.personID.rawValue, registration.method.rawValue, registration.sealedKey, registration.phone?.e164,
                registration.lastStep, registration.recoveryDigest?.hex, Int64(registration.recoverySaved ? 1 : 0),
                registration.confirmedAt?.unixSeconds, registration.createdAt.unixSeconds)
            .onConflict(with: ["person_id"]) { $0
                .set(excludedValueOf: "method").set(excludedValueOf: "sealed_key").set(excludedValueOf: "phone")
                .set(excludedValueOf: "last_step").set(excludedValueOf: "recovery_digest").set(excludedValueOf: "recovery_saved")
                .set(excludedValueOf: "confirmed_at").set(excludedValueOf: "created_at")
            }
            .run()
    }

    func delete(_ person: PersonID) async throws {
        try await db.delete(from: "two_step_registrations").where("person_id", .equal, person.rawValue).run()
    }

    func acceptStep(_ step: Int64, for person: PersonID) async throws -> Bool {
        // One statement: the row lock (PostgreSQL) or the write lock (SQLite) lets one of two equal steps through.
        try await db.update("two_step_registrations").set("last_step", to: step)
            .where("person_id", .equal, person.rawValue)
            .where { $0.where("last_step", .is, SQLLiteral.null).orWhere("last_step", .lessThan, step) }
            .returning("person_id").first() != nil
    }

    func replaceRecoveryCode(_ old: TokenDigest, with new: TokenDigest, for person: PersonID) async throws -> Bool {
        try await db.update("two_step_registrations").set("recovery_digest", to: new.hex).set("recovery_saved", to: Int64(0))
            .where("person_id", .equal, person.rawValue).where("recovery_digest", .equal, old.hex)
            .returning("person_id").first() != nil
    }

    static func registration(_ row: any SQLRow) throws -> TwoStepRegistration {
        let phone = try row.optionalText("phone").map { raw in
            guard let phone = PhoneNumber(raw) else { throw CorruptRow(column: "phone", value: raw) }
            return phone
        }
        return TwoStepRegistration(
            personID: PersonID(rawValue: try row.text("person_id")), method: try row.value("method", as: TwoStepMethod.self),
            sealedKey: try row.optionalText("sealed_key"), phone: phone,
            lastStep: try row.decode(column: "last_step", as: Int64?.self),
            recoveryDigest: try row.optionalText("recovery_digest").map(TokenDigest.init(hex:)),
            recoverySaved: try row.integer("recovery_saved") != 0, confirmedAt: try row.optionalDate("confirmed_at"),
            createdAt: try row.date("created_at"))
    }
}
