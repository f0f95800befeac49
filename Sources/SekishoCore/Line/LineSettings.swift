public import Foundation

/// The admin console's 「回線認証」 (SPEC D5, D6): the contract's access route and its line numbers,
/// for the contractor and admins. Every change is audited.
public struct LineSettings: Sendable {
    public enum Field {
        public static let route = "route"
        public static let numbers = "numbers"
        public static let number = "number"
        /// Set by the warning page's button: the route may become line-only with no line registered.
        public static let confirmed = "confirmed"
    }

    /// SPEC D6 *assumed*: enough for any office, small enough for one page.
    public static let maxLines = 1000

    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The route and the registered lines. Throws ``AdminOnly``.
    public func overview(for account: Account) async throws -> LineOverview {
        try AdminAccess.require(account)
        return try await store.read { tx in
            guard let contract = try await tx.contracts.find(account.contract.id) else { throw AdminOnly() }
            return LineOverview(route: contract.accessRoute, lines: try await tx.lines.lines(of: contract.id))
        }
    }

    /// 「保存」: the route chosen and the numbers typed or pasted, together. Nothing is saved unless
    /// all of it can be: throws ``FormErrors`` (no such route), ``LineNumbersRefused`` (each refused
    /// entry with its reason, or too many lines), ``LineOnlyWithoutLines`` (the warning, unless
    /// `confirmed`), or ``AdminOnly``.
    public func save(
        route rawRoute: String?, numbers rawNumbers: String?, confirmed: Bool, by account: Account, client: ClientInfo
    ) async throws {
        try AdminAccess.require(account)
        let route = try ChangePlanAndRoute.route(rawRoute)
        let now = clock.now()
        try await store.sensitiveAdminChange(by: account, at: now) { tx in
            let registered = try await tx.lines.lines(of: account.contract.id).map(\.number)
            let pasted = PastedLineNumbers(rawNumbers ?? "", registered: Set(registered))
            guard pasted.refused.isEmpty else { throw LineNumbersRefused(entries: pasted.refused, tooMany: false) }
            guard registered.count + pasted.accepted.count <= Self.maxLines else { throw LineNumbersRefused(entries: [], tooMany: true) }
            if route == .lineOnly, registered.isEmpty, pasted.accepted.isEmpty, !confirmed { throw LineOnlyWithoutLines() }
            try await tx.lines.add(pasted.accepted, to: account.contract.id, at: now)
            for number in pasted.accepted {
                try await tx.audit.append(AuditEvent(
                    kind: .lineAdded, occurredAt: now, personID: account.person.id, contractID: account.contract.id, client: client,
                    detail: "line=\(number)"))
            }
            try await AccessRouteChange.apply(route, to: account.contract.id, by: account.person, client: client, now: now, in: tx)
        }
    }

    /// 「削除」 next to a registered number. An unknown number is a refusal with its reason. Throws
    /// ``LineNumbersRefused`` or ``AdminOnly``.
    public func remove(_ raw: String?, by account: Account, client: ClientInfo) async throws {
        try AdminAccess.require(account)
        let text = TextInput.trimmed(raw ?? "")
        let number: LineNumber
        do {
            number = try LineNumber(parsing: text)
        } catch {
            throw LineNumbersRefused(entries: [.init(text: String(text.prefix(LineNumber.maxInputLength)), problem: error)], tooMany: false)
        }
        let now = clock.now()
        try await store.sensitiveAdminChange(by: account, at: now) { tx in
            guard try await tx.lines.remove(number, from: account.contract.id) else { return }
            try await tx.audit.append(AuditEvent(
                kind: .lineRemoved, occurredAt: now, personID: account.person.id, contractID: account.contract.id, client: client,
                detail: "line=\(number)"))
        }
    }
}

/// What the 「回線認証」 page shows.
public struct LineOverview: Sendable, Equatable {
    public let route: AccessRoute
    public let lines: [RegisteredLine]

    /// Line-only with no line: only the contractor's contract menu still gets in (SPEC D7).
    public var locksEveryoneOut: Bool { route == .lineOnly && lines.isEmpty }
}

/// Line numbers the admin console refused; nothing of the form was saved.
public struct LineNumbersRefused: Error, Sendable, Equatable {
    public let entries: [PastedLineNumbers.Refused]
    /// More than ``LineSettings/maxLines`` lines would be registered.
    public let tooMany: Bool

    public init(entries: [PastedLineNumbers.Refused], tooMany: Bool) {
        self.entries = entries
        self.tooMany = tooMany
    }
}

/// 「回線認証」 with no line registered: nobody could sign in except the contractor's contract menu.
/// The page warns and asks again.
public struct LineOnlyWithoutLines: Error, Sendable, Equatable {
    public init() {}
}

/// The one way a contract's access route changes (admin console, contract menu), audited.
enum AccessRouteChange {
    static func apply(
        _ route: AccessRoute, to contractID: ContractID, by person: Person, client: ClientInfo, now: Date, in tx: any StoreTransaction
    ) async throws {
        guard var contract = try await tx.contracts.find(contractID), contract.accessRoute != route else { return }
        let before = contract.accessRoute
        contract.accessRoute = route
        try await tx.contracts.update(contract)
        try await tx.audit.append(AuditEvent(
            kind: .accessRouteChanged, occurredAt: now, personID: person.id, contractID: contract.id, client: client,
            detail: "from=\(before.rawValue),to=\(route.rawValue)"))
    }
}
