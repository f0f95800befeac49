public import Foundation

/// One customer organisation (契約, SPEC A1). It owns its people, plan and access route.
public struct Contract: Sendable, Equatable {
    public let id: ContractID
    public var name: String
    public var plan: Plan
    public var status: ContractStatus
    public var accessRoute: AccessRoute
    /// End of the free trial (SPEC A3); `nil` on the basic plan.
    public var trialEndsAt: Date?
    public let createdAt: Date
    /// The contractor's setting "keep two-step on password reset" (SPEC H5, *beyond*): off by default,
    /// as the manual resets two-step with the password; on gives ASVS 6.4.3 behaviour.
    public var keepsTwoStepOnPasswordReset: Bool
    /// When 「解約」 was done (SPEC J4); the contract's data is erased a retention period later.
    public var cancelledAt: Date?

    public init(
        id: ContractID, name: String, plan: Plan, status: ContractStatus,
        accessRoute: AccessRoute, trialEndsAt: Date?, createdAt: Date, keepsTwoStepOnPasswordReset: Bool = false,
        cancelledAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.plan = plan
        self.status = status
        self.accessRoute = accessRoute
        self.trialEndsAt = trialEndsAt
        self.createdAt = createdAt
        self.keepsTwoStepOnPasswordReset = keepsTwoStepOnPasswordReset
        self.cancelledAt = cancelledAt
    }
}

extension Contract {
    /// The free trial is over and the basic plan not taken (SPEC A3).
    public func trialEnded(at now: Date) -> Bool {
        plan == .trial && trialEndsAt.map { now >= $0 } == true
    }

    /// Why a session of `scope` may not be used by `person` now, or `nil` when it may. A cancelled
    /// contract lets nobody in; after the trial only the contractor's contract menu stays open, so
    /// the plan can be upgraded.
    public func closure(for person: Person, scope: SessionScope, at now: Date) -> ContractClosed? {
        if status == .cancelled { return .cancelled }
        if trialEnded(at: now) && !(scope == .contractMenu && person.role == .contractor) { return .trialEnded }
        return nil
    }

    public func admits(_ person: Person, scope: SessionScope, at now: Date) -> Bool {
        closure(for: person, scope: scope, at: now) == nil
    }
}

/// A right password for a contract that lets nobody (or not this person, here) in. Only a right
/// password learns it, so the page may say why: the contractor should upgrade, or the contract
/// was cancelled.
public enum ContractClosed: Error, Sendable, Equatable {
    case trialEnded
    case cancelled
}

/// 基本プラン or 無料トライアル.
public enum Plan: String, Sendable, CaseIterable {
    case basic
    case trial
}

public enum ContractStatus: String, Sendable {
    case active
    case cancelled
}

/// 通信経路 (SPEC D5): whether the contract's people may also come in over the internet.
public enum AccessRoute: String, Sendable {
    case lineAndInternet = "line+internet"
    case lineOnly = "line-only"
}
