import Foundation
import SekishoCore
import Testing

@Suite("Contract menu: who sees and may use which item")
struct ContractMenuTests {
    static func account(_ role: Role, _ method: LoginMethod, plan: Plan = .basic) -> Account {
        let contract = Contract(
            id: .random(), name: "株式会社テスト", plan: plan, status: .active, accessRoute: .lineAndInternet, trialEndsAt: nil,
            createdAt: Date(unixSeconds: 0))
        let person = Person(
            id: .random(), contractID: contract.id, email: EmailAddress(parsing: "taro@example.jp")!, name: "山田 太郎", role: role,
            loginMethod: method, createdAt: Date(unixSeconds: 0))
        return Account(person: person, contract: contract)
    }

    @Test("role × login method → the items shown, in the manual's order", arguments: Role.allCases, LoginMethod.allCases)
    func matrix(role: Role, method: LoginMethod) throws {
        let account = Self.account(role, method)
        var expected: [ContractMenuItem] = []
        if role == .contractor { expected.append(.loginMethod) }
        if method == .password { expected.append(.passwordChange) }
        if role == .contractor { expected += [.contractDetails, .planAndRoute, .cancellation] }
        expected.append(.top)
        #expect(ContractMenu.items(for: account) == expected)
        for item in ContractMenuItem.allCases where !expected.contains(item) {
            #expect(throws: ContractMenuRefused()) { try ContractMenu.require(item, for: account) }
        }
        for item in expected { try ContractMenu.require(item, for: account) }
    }

    @Test("the plan does not hide an item: a trial contractor sees ログイン方法の設定 and is told why it is refused there")
    func planDoesNotHide() {
        #expect(ContractMenu.items(for: Self.account(.contractor, .password, plan: .trial)).contains(.loginMethod))
    }
}
