import Foundation
import SekishoCore
import SQLKit

struct SQLAudit: AuditRepository {
    let db: any SQLDatabase

    func append(_ event: AuditEvent) async throws {
        try await db.insert(into: "audit_log")
            .columns("occurred_at", "event", "person_id", "contract_id", "email", "address", "user_agent", "detail")
            .values(
                event.occurredAt.unixSeconds, event.kind.rawValue, event.personID?.rawValue, event.contractID?.rawValue,
                event.email, event.client.address, event.client.userAgent, event.detail)
            .run()
    }

    func recent(limit: Int, person: PersonID?) async throws -> [AuditRecord] {
        var query = db.select().column("*").from("audit_log")
        if let person { query = query.where("person_id", .equal, person.rawValue) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.record)
    }

    func page(_ contract: ContractID, query: AuditQuery) async throws -> [AuditRecord] {
        var select = db.select().column("*").from("audit_log").where("contract_id", .equal, contract.rawValue)
        if let person = query.person { select = select.where("person_id", .equal, person.rawValue) }
        if let kind = query.kind { select = select.where("event", .equal, kind.rawValue) }
        if let before = query.before { select = select.where("id", .lessThan, before) }
        return try await select.orderBy("id", .descending).limit(query.limit + 1).all().map(Self.record)
    }

    static func record(_ row: any SQLRow) throws -> AuditRecord {
        AuditRecord(id: try row.integer("id"), event: AuditEvent(
            kind: try row.value("event", as: AuditEventKind.self), occurredAt: try row.date("occurred_at"),
            personID: try row.optionalText("person_id").map(PersonID.init(rawValue:)),
            contractID: try row.optionalText("contract_id").map(ContractID.init(rawValue:)),
            email: try row.optionalText("email"),
            client: ClientInfo(address: try row.text("address"), userAgent: try row.text("user_agent")),
            detail: try row.optionalText("detail")))
    }
}
