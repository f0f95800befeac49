import Foundation
import SekishoCore
import SQLKit

struct SQLFederationRequests: FederationRequestRepository {
    let db: any SQLDatabase

    func insert(_ request: FederationRequest) async throws {
        let (kind, target) = request.purpose.stored
        let identity = request.identity
        try await db.insert(into: "federation_requests")
            .columns("key_digest", "session_digest", "provider", "purpose", "target", "nonce",
                     "issuer", "subject", "email", "email_verified", "display_name", "created_at")
            .values(
                request.key.hex, request.session.hex, request.provider.rawValue, kind, target, request.nonce,
                identity?.issuer, identity?.subject, identity?.email?.value, identity.map { $0.emailVerified ? 1 : 0 } as Int64?,
                identity?.name, request.createdAt.unixSeconds)
            .run()
    }

    func take(_ key: TokenDigest) async throws -> FederationRequest? {
        // One DELETE: of two callbacks with the same state, the second finds nothing.
        guard let row = try await db.delete(from: "federation_requests").where("key_digest", .equal, key.hex).returning("*").first() else {
            return nil
        }
        let provider = try row.value("provider", as: FederationProvider.self)
        let kind = try row.text("purpose"), target = try row.text("target")
        guard let purpose = FederationPurpose(kind: kind, target: target) else { throw CorruptRow(column: "purpose", value: kind) }
        var identity: FederatedIdentity?
        if let issuer = try row.optionalText("issuer"), let subject = try row.optionalText("subject") {
            identity = FederatedIdentity(
                provider: provider, issuer: issuer, subject: subject,
                email: try row.optionalText("email").flatMap(EmailAddress.init(parsing:)),
                emailVerified: try row.decode(column: "email_verified", as: Int64?.self) == 1,
                name: try row.optionalText("display_name") ?? "")
        }
        return FederationRequest(
            key: key, session: TokenDigest(hex: try row.text("session_digest")), provider: provider, purpose: purpose,
            nonce: try row.text("nonce"), identity: identity, createdAt: try row.date("created_at"))
    }

    func deleteCreated(before cutoff: Date) async throws -> Int {
        try await db.delete(from: "federation_requests").where("created_at", .lessThan, cutoff.unixSeconds)
            .returning("key_digest").all().count
    }
}

struct SQLFederatedIdentities: FederatedIdentityRepository {
    let db: any SQLDatabase

    func link(_ identity: FederatedIdentity, to person: PersonID, at now: Date) async throws {
        try await unlink(person)
        try await db.insert(into: "federated_identities")
            .columns("person_id", "provider", "issuer", "subject", "linked_at")
            .values(person.rawValue, identity.provider.rawValue, identity.issuer, identity.subject, now.unixSeconds)
            .run()
    }

    func person(linkedTo provider: FederationProvider, subject: String) async throws -> PersonID? {
        try await db.select().column("person_id").from("federated_identities")
            .where("provider", .equal, provider.rawValue).where("subject", .equal, subject)
            .first(decodingColumn: "person_id", as: String.self).map(PersonID.init(rawValue:))
    }

    func unlink(_ person: PersonID) async throws {
        try await db.delete(from: "federated_identities").where("person_id", .equal, person.rawValue).run()
    }
}
