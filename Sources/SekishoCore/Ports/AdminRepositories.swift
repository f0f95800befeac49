public import Foundation

/// The admin console's reads and changes of people. Every method takes the admin's contract: a
/// person of another contract is never found, listed or changed (SPEC K3).
public protocol DirectoryRepository: Sendable {
    func find(_ id: PersonID, in contract: ContractID) async throws -> Person?
    /// Up to `query.limit + 1` summaries sorted by (name, id), after the cursor's row, matching the
    /// search: one more than a page tells that a next page exists.
    func list(_ contract: ContractID, query: DirectoryQuery) async throws -> [PersonSummary]
    func summary(_ id: PersonID, in contract: ContractID) async throws -> PersonSummary?
    func setRole(_ role: Role, of person: PersonID, in contract: ContractID) async throws
    /// Turns an invited person into an active one; `false` when they were not invited (any more).
    func activate(_ person: PersonID) async throws -> Bool
    /// Deletes the person with everything that hangs on them (sessions, credentials, two-step).
    func delete(_ person: PersonID, in contract: ContractID) async throws -> Bool
    func recordSignIn(_ person: PersonID, at now: Date) async throws
    /// Changes the email (the ID) in one statement; `false` when the address belongs to someone by now.
    func changeEmail(of person: PersonID, to email: EmailAddress) async throws -> Bool
}

/// 「監査ログ」: one contract's events, newest first.
public struct AuditQuery: Sendable, Equatable {
    public let person: PersonID?
    public let kind: AuditEventKind?
    /// The id of the last event of the previous page.
    public let before: Int64?
    public let limit: Int

    public static let pageSize = 50

    public init(person: String?, kind: String?, before: String?, limit: Int = AuditQuery.pageSize) {
        self.person = person.flatMap(PersonID.init(parsing:))
        self.kind = kind.flatMap(AuditEventKind.init(rawValue:))
        self.before = before.flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        self.limit = max(1, min(limit, 200))
    }
}
