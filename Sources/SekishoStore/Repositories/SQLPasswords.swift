import Foundation
import SekishoCore
import SQLKit

struct SQLPasswords: PasswordRepository {
    let db: any SQLDatabase

    func set(_ phcString: String, for person: PersonID, at now: Date) async throws {
        try await db.insert(into: "password_credentials")
            .columns("person_id", "phc", "updated_at")
            .values(person.rawValue, phcString, now.unixSeconds)
            .onConflict(with: ["person_id"]) { $0.set(excludedValueOf: "phc").set(excludedValueOf: "updated_at") }
            .run()
    }

    func hash(for person: PersonID) async throws -> String? {
        try await db.select().column("phc").from("password_credentials").where("person_id", .equal, person.rawValue)
            .first(decodingColumn: "phc", as: String.self)
    }

    func remove(for person: PersonID) async throws {
        try await db.delete(from: "password_credentials").where("person_id", .equal, person.rawValue).run()
    }
}
