import Foundation
import SekishoCore
import SQLKit

struct SQLApplications: ApplicationRepository {
    let db: any SQLDatabase

    func insert(_ application: ContractApplication) async throws {
        var passwordHash = "", identity: FederatedIdentity?
        switch application.credential {
        case .password(let hash): passwordHash = hash
        case .provider(let linked): identity = linked
        }
        try await db.insert(into: "contract_applications")
            .columns("id", "email", "email_normalized", "company_name", "applicant_name", "plan", "login_method",
                     "password_hash", "provider_issuer", "provider_subject", "created_at")
            .values(
                application.id.rawValue, application.email.value, application.email.normalized, application.companyName,
                application.applicantName, application.plan.rawValue, application.loginMethod.rawValue,
                passwordHash, identity?.issuer, identity?.subject, application.createdAt.unixSeconds)
            .run()
    }

    func find(_ id: ApplicationID) async throws -> ContractApplication? {
        guard let row = try await db.select().column("*").from("contract_applications").where("id", .equal, id.rawValue).first() else {
            return nil
        }
        let credential: LoginCredential
        let method = try row.value("login_method", as: LoginMethod.self)
        if let provider = FederationProvider(method) {
            guard let issuer = try row.optionalText("provider_issuer"), let subject = try row.optionalText("provider_subject") else {
                throw CorruptRow(column: "provider_subject", value: "")
            }
            credential = .provider(FederatedIdentity(
                provider: provider, issuer: issuer, subject: subject, email: nil, emailVerified: false, name: ""))
        } else {
            credential = .password(hash: try row.text("password_hash"))
        }
        return ContractApplication(
            id: id, email: try row.email("email"), companyName: try row.text("company_name"),
            applicantName: try row.text("applicant_name"), plan: try row.value("plan", as: Plan.self),
            credential: credential, createdAt: try row.date("created_at"))
    }

    func delete(_ id: ApplicationID) async throws {
        try await db.delete(from: "contract_applications").where("id", .equal, id.rawValue).run()
    }

    func deleteCreated(before cutoff: Date) async throws -> Int {
        try await db.delete(from: "contract_applications").where("created_at", .lessThan, cutoff.unixSeconds)
            .returning("id").all().count
    }
}
