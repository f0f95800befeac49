public import Foundation

/// A line number registered for a contract in the admin console's 「回線認証」 (SPEC D6).
public struct RegisteredLine: Sendable, Equatable {
    public let number: LineNumber
    public let addedAt: Date
    /// The answer to the West-area notice page (SPEC D4), once someone has given it over this line.
    public var notice: LineNotice?

    public init(number: LineNumber, addedAt: Date, notice: LineNotice? = nil) {
        self.number = number
        self.addedAt = addedAt
        self.notice = notice
    }
}

/// 「通知する」 / 「通知しない」 on the line-information notice page (SPEC D4).
public enum LineNotice: String, Sendable, CaseIterable {
    case notify
    case decline
}

/// The contracts' registered lines.
public protocol LineRepository: Sendable {
    /// The contract's lines in number order.
    func lines(of contract: ContractID) async throws -> [RegisteredLine]
    func find(_ number: LineNumber, in contract: ContractID) async throws -> RegisteredLine?
    func count(in contract: ContractID) async throws -> Int
    /// Adds the numbers; one already registered is left as it is.
    func add(_ numbers: [LineNumber], to contract: ContractID, at now: Date) async throws
    /// Whether the number was registered.
    func remove(_ number: LineNumber, from contract: ContractID) async throws -> Bool
    func recordNotice(_ notice: LineNotice, for number: LineNumber, in contract: ContractID) async throws
}
