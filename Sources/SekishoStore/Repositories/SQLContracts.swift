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
            .map(Self.contract)
    }

    static func contract(_ row: any SQLRow) throws -> Contract {
        Contract(
            id: ContractID(rawValue: try row.text("id")), name: try row.text("name"),
            plan: try row.value("plan", as: Plan.self), status: try row.value("status", as: ContractStatus.self),
            accessRoute: try row.value("access_route", as: AccessRoute.self),
            trialEndsAt: try row.optionalDate("trial_ends_at"), createdAt: try row.date("created_at"),
            keepsTwoStepOnPasswordReset: try row.integer("keep_two_step_on_reset") != 0)
    }
}
