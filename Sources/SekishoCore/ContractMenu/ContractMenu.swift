/// 「契約情報変更メニュー」 (SPEC J2): what the menu shows a person, and what the server lets them use.
/// Both come from one rule, so a hidden item is also a refused one.
public enum ContractMenuItem: String, Sendable, CaseIterable {
    /// 「ログイン方法の設定」: the contractor's email and login method (SPEC F1–F4).
    case loginMethod = "login_method"
    /// 「パスワード変更」: whoever signs in with a password (SPEC G1).
    case passwordChange = "password"
    /// 「契約情報変更」 (SPEC J3).
    case contractDetails = "details"
    /// 「プラン変更および通信経路設定」 (SPEC A3, D7).
    case planAndRoute = "plan"
    /// 「解約」 (SPEC J4).
    case cancellation = "cancel"
    /// 「トップ画面へ」: everyone.
    case top

    /// Whether `account` may see and use this item.
    public func isAllowed(for account: Account) -> Bool {
        if account.isLimitedToRouteSetting { return self == .planAndRoute || self == .top }
        return switch self {
        case .loginMethod, .contractDetails, .planAndRoute, .cancellation: account.person.role == .contractor
        case .passwordChange: account.person.loginMethod == .password
        case .top: true
        }
    }
}

public enum ContractMenu {
    /// The items `account` sees, in the manual's order.
    public static func items(for account: Account) -> [ContractMenuItem] {
        ContractMenuItem.allCases.filter { $0.isAllowed(for: account) }
    }

    /// Whether the plan lets `account` use an item it sees: the manual shows 「ログイン方法の設定」 to
    /// a free-trial contractor but refuses the change, with a page that says why.
    public static func planAllows(_ item: ContractMenuItem, for account: Account) -> Bool {
        item != .loginMethod || account.contract.plan == .basic
    }

    /// Throws ``ContractMenuRefused`` when `item` is not `account`'s to use.
    public static func require(_ item: ContractMenuItem, for account: Account) throws {
        guard item.isAllowed(for: account) else { throw ContractMenuRefused() }
    }
}

/// A contract-menu item the person may not use (403, whatever the URL typed).
public struct ContractMenuRefused: Error, Sendable, Equatable {
    public init() {}
}
