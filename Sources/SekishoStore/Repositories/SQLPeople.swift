import Foundation
import SekishoCore
import SQLKit

struct SQLPeople: PersonRepository {
    let db: any SQLDatabase

    func insert(_ person: Person) async throws -> Bool {
        try await insert(person, key: person.email.normalized)
    }

    func insertWithoutAddress(_ person: Person) async throws -> Bool {
        try await insert(person, key: Self.keyWithoutAddress(person.email, in: person.contractID))
    }

    func hasInvitationWithoutAddress(_ email: EmailAddress, in contract: ContractID) async throws -> Bool {
        try await db.select().column("id").from("people").where("email_normalized", .equal, Self.keyWithoutAddress(email, in: contract))
            .first() != nil
    }

    func claimAddress(of person: Person) async throws -> Bool {
        try await db.raw("""
            UPDATE people SET email_normalized = \(bind: person.email.normalized)
            WHERE id = \(bind: person.id.rawValue)
              AND email_normalized = \(bind: Self.keyWithoutAddress(person.email, in: person.contractID))
              AND NOT EXISTS (SELECT 1 FROM people other WHERE other.email_normalized = \(bind: person.email.normalized))
            RETURNING id
            """).first() != nil
    }

    /// What `email_normalized` holds for a person who does not hold their address: the address and
    /// the contract, unique per contract, and never an address, which has no space.
    static func keyWithoutAddress(_ email: EmailAddress, in contract: ContractID) -> String {
        "\(email.normalized) \(contract.rawValue)"
    }

    /// Inserts under `key` in `email_normalized`, whose unique index decides.
    private func insert(_ person: Person, key: String) async throws -> Bool {
        let row = try await db.insert(into: "people")
            .columns(Self.insertColumns)
            .values(Self.insertValues(person, key: key))
            .ignoringConflicts(with: "email_normalized")
            .returning("id")
            .first()
        return row != nil
    }

    /// The columns a new person is written with, shared with the bulk seeder.
    static let insertColumns = [
        "id", "contract_id", "email", "email_normalized", "name", "role", "login_method", "created_at", "status", "search_text",
    ]

    static func insertValues(_ person: Person, key: String? = nil) -> [any Encodable & Sendable] {
        [
            person.id.rawValue, person.contractID.rawValue, person.email.value, key ?? person.email.normalized,
            person.name, person.role.rawValue, person.loginMethod.rawValue, person.createdAt.unixSeconds,
            person.status.rawValue, DirectorySearch.text(name: person.name, email: person.email.value),
        ]
    }

    func find(_ id: PersonID) async throws -> Person? {
        try await db.select().column("*").from("people").where("id", .equal, id.rawValue).first()
            .map { try Self.person($0) }
    }

    func findHeld(_ id: PersonID) async throws -> Person? {
        let lock = db.dialect.name == "sqlite" ? SQLRaw("") : SQLRaw(" FOR SHARE")
        return try await db.raw("SELECT * FROM people WHERE id = \(bind: id.rawValue)\(lock)").first().map { try Self.person($0) }
    }

    func find(email: EmailAddress) async throws -> Person? {
        try await db.select().column("*").from("people").where("email_normalized", .equal, email.normalized).first()
            .map { try Self.person($0) }
    }

    func setLoginMethod(_ method: LoginMethod, of person: PersonID) async throws {
        try await db.update("people").set("login_method", to: method.rawValue).where("id", .equal, person.rawValue).run()
    }

    /// The columns ``person(_:prefix:)`` reads.
    static let columns = ["id", "contract_id", "email", "name", "role", "login_method", "created_at", "status"]

    /// A person from a row; `prefix` when a join named the columns `<prefix>id`, … .
    static func person(_ row: any SQLRow, prefix: String = "") throws -> Person {
        Person(
            id: PersonID(rawValue: try row.text(prefix + "id")), contractID: ContractID(rawValue: try row.text(prefix + "contract_id")),
            email: try row.email(prefix + "email"), name: try row.text(prefix + "name"), role: try row.value(prefix + "role", as: Role.self),
            loginMethod: try row.value(prefix + "login_method", as: LoginMethod.self), createdAt: try row.date(prefix + "created_at"),
            status: try row.value(prefix + "status", as: PersonStatus.self))
    }
}
