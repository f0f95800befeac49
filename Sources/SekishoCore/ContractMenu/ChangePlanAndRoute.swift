import Foundation

/// 「プラン変更および通信経路設定」 (SPEC A3, D7; manual 6.2), the contractor's: upgrade a free trial
/// to the basic plan, and choose the access route for every person of the contract (enforced by line
/// authentication). Each change is audited in its transaction.
public struct ChangePlanAndRoute: Sendable {
    public enum Field {
        public static let route = "route"
    }

    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The contract as it is now. Throws ``ContractMenuRefused``.
    public func current(for account: Account) async throws -> Contract {
        try ContractMenu.require(.planAndRoute, for: account)
        guard let contract = try await store.read({ tx in try await tx.contracts.find(account.contract.id) }) else {
            throw ContractMenuRefused()
        }
        return contract
    }

    /// The free trial becomes the basic plan; on the basic plan already, nothing changes (a double
    /// submission). Throws ``ContractMenuRefused``.
    public func upgrade(by account: Account, client: ClientInfo) async throws {
        try ContractMenu.require(.planAndRoute, for: account)
        let now = clock.now()
        try await store.transaction { tx in
            guard var contract = try await tx.contracts.find(account.contract.id), contract.plan == .trial else { return }
            contract.plan = .basic
            contract.trialEndsAt = nil
            try await tx.contracts.update(contract)
            try await tx.audit.append(AuditEvent(
                kind: .planUpgraded, occurredAt: now, personID: account.person.id, contractID: contract.id, client: client,
                detail: "from=trial,to=basic"))
        }
    }

    /// "Keep two-step on password reset" (SPEC H5, *beyond*): on, a reset keeps the person's two-step
    /// registration (ASVS 6.4.3); off, as the manual, it resets it. Throws ``ContractMenuRefused`` or
    /// ``RecentSignInRequired``.
    public func setKeepsTwoStepOnReset(_ keeps: Bool, by account: Account, client: ClientInfo) async throws {
        try ContractMenu.require(.planAndRoute, for: account)
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        try await store.transaction { tx in
            guard var contract = try await tx.contracts.find(account.contract.id), contract.keepsTwoStepOnPasswordReset != keeps else { return }
            contract.keepsTwoStepOnPasswordReset = keeps
            try await tx.contracts.update(contract)
            try await tx.audit.append(AuditEvent(
                kind: .twoStepOnResetChanged, occurredAt: now, personID: account.person.id, contractID: contract.id, client: client,
                detail: "keep=\(keeps)"))
        }
    }

    /// The route chosen on the form; ``FormErrors`` when it is not one of the two.
    public static func route(_ raw: String?) throws -> AccessRoute {
        guard let route = raw.flatMap(AccessRoute.init(rawValue:)) else { throw FormErrors([Field.route: .invalidChoice]) }
        return route
    }

    /// 「変更」 on the confirmation page. Throws ``ContractMenuRefused``, ``FormErrors`` or ``RecentSignInRequired``.
    public func setRoute(_ raw: String?, by account: Account, client: ClientInfo) async throws {
        try ContractMenu.require(.planAndRoute, for: account)
        let route = try Self.route(raw)
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        try await store.transaction { tx in
            try await AccessRouteChange.apply(route, to: account.contract.id, by: account.person, client: client, now: now, in: tx)
        }
    }

    /// How many lines the contract has registered: the confirmation page warns when a line-only
    /// route would leave nobody but the contractor's contract menu a way in. Throws ``ContractMenuRefused``.
    public func registeredLineCount(for account: Account) async throws -> Int {
        try ContractMenu.require(.planAndRoute, for: account)
        return try await store.read { tx in try await tx.lines.count(in: account.contract.id) }
    }
}
