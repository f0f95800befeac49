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

    public init(
        id: ContractID, name: String, plan: Plan, status: ContractStatus,
        accessRoute: AccessRoute, trialEndsAt: Date?, createdAt: Date, keepsTwoStepOnPasswordReset: Bool = false
    ) {
        self.id = id
        self.name = name
        self.plan = plan
        self.status = status
        self.accessRoute = accessRoute
        self.trialEndsAt = trialEndsAt
        self.createdAt = createdAt
        self.keepsTwoStepOnPasswordReset = keepsTwoStepOnPasswordReset
    }
}

extension Contract {
    /// The free trial is over and the basic plan not taken (SPEC A3).
    public func trialEnded(at now: Date) -> Bool {
        plan == .trial && trialEndsAt.map { now >= $0 } == true
    }

    /// Whether a session of `scope` may be used by `person` now: after the trial only the
    /// contractor's contract menu stays open, so the plan can be upgraded.
    public func admits(_ person: Person, scope: SessionScope, at now: Date) -> Bool {
        !trialEnded(at: now) || (scope == .contractMenu && person.role == .contractor)
    }
}

/// The sign-in of a contract whose free trial has ended, by someone other than the contractor at the
/// contract menu: the page tells the contractor to upgrade.
public struct TrialEnded: Error, Sendable, Equatable {
    public init() {}
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
