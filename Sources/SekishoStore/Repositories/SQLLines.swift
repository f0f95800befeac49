import Foundation
import SekishoCore
import SQLKit

struct SQLLines: LineRepository {
    let db: any SQLDatabase

    func lines(of contract: ContractID) async throws -> [RegisteredLine] {
        try await db.select().columns("line_number", "notice", "added_at").from("contract_lines")
            .where("contract_id", .equal, contract.rawValue).orderBy("line_number")
            .all().map(Self.line(from:))
    }

    func find(_ number: LineNumber, in contract: ContractID) async throws -> RegisteredLine? {
        try await db.select().columns("line_number", "notice", "added_at").from("contract_lines")
            .where("contract_id", .equal, contract.rawValue).where("line_number", .equal, number.value)
            .first().map(Self.line(from:))
    }

    func count(in contract: ContractID) async throws -> Int {
        let row = try await db.raw("SELECT COUNT(*) AS n FROM contract_lines WHERE contract_id = \(bind: contract.rawValue)").first()
        return Int(try row?.integer("n") ?? 0)
    }

    func add(_ numbers: [LineNumber], to contract: ContractID, at now: Date) async throws {
        guard !numbers.isEmpty else { return }
        var insert = db.insert(into: "contract_lines").columns("contract_id", "line_number", "added_at")
        for number in numbers {
            insert = insert.values(contract.rawValue, number.value, now.unixSeconds)
        }
        try await insert.ignoringConflicts(with: ["contract_id", "line_number"]).run()
    }

    func remove(_ number: LineNumber, from contract: ContractID) async throws -> Bool {
        try await db.delete(from: "contract_lines")
            .where("contract_id", .equal, contract.rawValue).where("line_number", .equal, number.value)
            .returning("line_number").first() != nil
    }

    func recordNotice(_ notice: LineNotice, for number: LineNumber, in contract: ContractID) async throws {
        try await db.update("contract_lines").set("notice", to: notice.rawValue)
            .where("contract_id", .equal, contract.rawValue).where("line_number", .equal, number.value).run()
    }

    private static func line(from row: any SQLRow) throws -> RegisteredLine {
        let text = try row.text("line_number")
        guard let number = try? LineNumber(parsing: text), number.value == text else { throw CorruptRow(column: "line_number", value: text) }
        return RegisteredLine(
            number: number, addedAt: try row.date("added_at"), notice: try row.optionalText("notice").map { raw in
                guard let notice = LineNotice(rawValue: raw) else { throw CorruptRow(column: "notice", value: raw) }
                return notice
            })
    }
}
