import Foundation
import SekishoCore

/// Home (SPEC B5 without a configured service URL): who is signed in, for which contract, and the
/// browsers that skip two-step (SPEC C6).
struct HomeContent: Sendable, Encodable {
    let name: String
    let email: String
    let contractName: String
    let role: String
    let plan: String
    let trialEnds: String?
    let notice: String?
    let browsers: [BrowserRow]
    let hasBrowsers: Bool
    /// The contractor and admins get the link to 管理コンソール.
    let administers: Bool
    /// Password people get the link to 「2段階認証を登録し直す」.
    let reenrols: Bool

    struct BrowserRow: Sendable, Encodable {
        let id: String
        let label: String
        let firstUsed: String
        let lastUsed: String
        /// The browser showing the page.
        let current: Bool
    }

    init(
        account: Account, browsers: [RememberedBrowser], current: TokenDigest?, notice: String?, strings: Strings,
        language: Language
    ) {
        self.notice = notice
        self.browsers = browsers.map {
            BrowserRow(
                id: $0.id.rawValue, label: $0.label == BrowserLabel.unknown ? strings.text("browser_unknown", language) : $0.label,
                firstUsed: JapanTime.dateTime($0.createdAt), lastUsed: JapanTime.dateTime($0.lastUsedAt), current: $0.digest == current)
        }
        hasBrowsers = !browsers.isEmpty
        name = account.person.name
        email = account.person.email.value
        contractName = account.contract.name
        role = strings.text("role_\(account.person.role.rawValue)", language)
        plan = strings.text("plan_\(account.contract.plan.rawValue)", language)
        trialEnds = account.contract.trialEndsAt.map(JapanTime.date)
        administers = AdminAccess.allows(account)
        reenrols = account.person.loginMethod == .password
    }
}
