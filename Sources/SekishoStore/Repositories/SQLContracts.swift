import Foundation
import SekishoCore
import SQLKit

struct SQLContracts: ContractRepository {
    let db: any SQLDatabase

    func insert(_ contract: Contract) async throws {
        try await db.insert(into: "contracts")
            .columns("id", "name", "plan", "status", "access_route", "trial_ends_at", "created_at", "keep_two_step_on_reset")
            .values(
                contract.id.rawValue, contract.name, contract.plan.rawValue, contract.status.rawValue,
                contract.accessRoute.rawValue, contract.trialEndsAt?.unixSeconds, contract.createdAt.unixSeconds,
                Int64(contract.keepsTwoStepOnPasswordReset ? 1 : 0))
            .run()
    }

    func find(_ id: ContractID) async throws -> Contract? {
        try await db.select().column("*").from("contracts").where("id", .equal, id.rawValue).first()
            .map { try Self.contract($0) }
    }

    func update(_ contract: Contract) async throws {
        try await db.update("contracts")
            .set("plan", to: contract.plan.rawValue).set("trial_ends_at", to: contract.trialEndsAt?.unixSeconds)
            .set("access_route", to: contract.accessRoute.rawValue)
            .set("keep_two_step_on_reset", to: Int64(contract.keepsTwoStepOnPasswordReset ? 1 : 0))
            .where("id", .equal, contract.id.rawValue).run()
    }

    func details(of id: ContractID) async throws -> ContractDetails? {
        guard let row = try await db.select().column("*").from("contracts").where("id", .equal, id.rawValue).first() else { return nil }
        return ContractDetails(
            name: try row.text("name"), postalCode: try row.optionalText("postal_code"), address: try row.optionalText("address"),
            phone: try row.optionalText("phone"), billingContact: try row.optionalText("billing_contact"),
            billingEmail: try row.optionalText("billing_email").flatMap(EmailAddress.init(parsing:)))
    }

    func setDetails(_ details: ContractDetails, of id: ContractID) async throws {
        try await db.update("contracts")
            .set("name", to: details.name).set("postal_code", to: details.postalCode).set("address", to: details.address)
            .set("phone", to: details.phone).set("billing_contact", to: details.billingContact)
            .set("billing_email", to: details.billingEmail?.value)
            .where("id", .equal, id.rawValue).run()
    }

    func cancel(_ id: ContractID, at now: Date) async throws -> Bool {
        try await db.update("contracts")
            .set("status", to: ContractStatus.cancelled.rawValue).set("cancelled_at", to: now.unixSeconds)
            .where("id", .equal, id.rawValue).where("status", .equal, ContractStatus.active.rawValue)
            .returning("id").first() != nil
    }

    func cancelled(before cutoff: Date) async throws -> [ContractID] {
        try await db.select().column("id").from("contracts")
            .where("status", .equal, ContractStatus.cancelled.rawValue).where("cancelled_at", .lessThan, cutoff.unixSeconds)
            .orderBy("cancelled_at").all().map { ContractID(rawValue: try $0.text("id")) }
    }

    func purge(_ id: ContractID) async throws -> Int {
        try await db.raw("""
            DELETE FROM mail_tickets WHERE void_key IN (SELECT id FROM people WHERE contract_id = \(bind: id.rawValue))
            """).run()
        try await db.raw("""
            DELETE FROM sign_in_failures WHERE email IN (SELECT email_normalized FROM people WHERE contract_id = \(bind: id.rawValue))
            """).run()
        try await db.raw("""
            DELETE FROM audit_log WHERE contract_id = \(bind: id.rawValue)
                OR person_id IN (SELECT id FROM people WHERE contract_id = \(bind: id.rawValue))
            """).run()
        // Credentials, two-step, sessions and browsers go with their person (ON DELETE CASCADE).
        let removed = try await db.delete(from: "people").where("contract_id", .equal, id.rawValue).returning("id").all().count
        try await db.delete(from: "contracts").where("id", .equal, id.rawValue).run()
        return removed
    }

    /// The columns ``contract(_:prefix:)`` reads.
    static let columns = [
        "id", "name", "plan", "status", "access_route", "trial_ends_at", "created_at", "keep_two_step_on_reset", "cancelled_at",
    ]

    /// A contract from a row; `prefix` when a join named the columns `<prefix>id`, … .
    static func contract(_ row: any SQLRow, prefix: String = "") throws -> Contract {
        Contract(
            id: ContractID(rawValue: try row.text(prefix + "id")), name: try row.text(prefix + "name"),
            plan: try row.value(prefix + "plan", as: Plan.self), status: try row.value(prefix + "status", as: ContractStatus.self),
            accessRoute: try row.value(prefix + "access_route", as: AccessRoute.self),
            trialEndsAt: try row.optionalDate(prefix + "trial_ends_at"), createdAt: try row.date(prefix + "created_at"),
            keepsTwoStepOnPasswordReset: try row.integer(prefix + "keep_two_step_on_reset") != 0,
            cancelledAt: try row.optionalDate(prefix + "cancelled_at"))
    }
}
