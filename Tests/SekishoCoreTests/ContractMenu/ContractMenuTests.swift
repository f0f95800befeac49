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

    @Test("role × login method × plan → the items shown, in the manual's order, and the ones the plan allows",
          arguments: Role.allCases, LoginMethod.allCases)
    func matrix(role: Role, method: LoginMethod) throws {
        for plan in Plan.allCases {
            let account = Self.account(role, method, plan: plan)
            var expected: [ContractMenuItem] = []
            if role == .contractor { expected.append(.loginMethod) }
            if method == .password { expected.append(.passwordChange) }
            if role == .contractor { expected += [.contractDetails, .planAndRoute, .cancellation] }
            expected.append(.top)
            #expect(ContractMenu.items(for: account) == expected, "\(plan)")
            for item in ContractMenuItem.allCases where !expected.contains(item) {
                #expect(throws: ContractMenuRefused()) { try ContractMenu.require(item, for: account) }
            }
            for item in expected {
                try ContractMenu.require(item, for: account)
                #expect(ContractMenu.planAllows(item, for: account) == (item != .loginMethod || plan == .basic), "\(item) on \(plan)")
            }
        }
    }

    @Test("after the free trial only the contractor's contract menu admits a session")
    func trialEnd() {
        let now = Date(unixSeconds: 1_000)
        for role in Role.allCases {
            var account = Self.account(role, .password, plan: .trial)
            var contract = account.contract
            contract.trialEndsAt = now
            account = Account(person: account.person, contract: contract)
            #expect(!contract.admits(account.person, scope: .portal, at: now))
            #expect(contract.admits(account.person, scope: .contractMenu, at: now) == (role == .contractor))
            #expect(contract.admits(account.person, scope: .portal, at: now.addingTimeInterval(-1)), "the last second of the trial")
        }
    }

    @Test("the plan does not hide an item: a trial contractor sees ログイン方法の設定 and is told why it is refused there")
    func planDoesNotHide() {
        #expect(ContractMenu.items(for: Self.account(.contractor, .password, plan: .trial)).contains(.loginMethod))
    }
}

@Suite("Contract details: what the form accepts")
struct ContractDetailsTests {
    typealias Field = ContractDetails.Field

    @Test("postal codes and phone numbers as typed with a Japanese input method are read as meant")
    func accepted() throws {
        let details = try ContractDetails.parse([
            Field.name: " 株式会社テスト ", Field.postalCode: "〒１００ー０００１", Field.address: "東京都千代田区千代田1-1",
            Field.phone: "０３−１２３４−５６７８", Field.billingContact: "経理部 鈴木", Field.billingEmail: "Billing@Example.jp",
        ])
        #expect(details == ContractDetails(
            name: "株式会社テスト", postalCode: "100-0001", address: "東京都千代田区千代田1-1", phone: "03-1234-5678",
            billingContact: "経理部 鈴木", billingEmail: EmailAddress(parsing: "Billing@Example.jp")))
        #expect(try ContractDetails.parse([Field.name: "A", Field.postalCode: "1000001", Field.phone: "09012345678"]).postalCode == "100-0001")
        #expect(try ContractDetails.parse([Field.name: "A"]) == ContractDetails(name: "A"), "only the name is required")
    }

    @Test("every bad field is named at once", arguments: [
        ("100-001", "03-1234-5678"), ("1000-001", "3-1234-5678"), ("abc-defg", "03--12345678"), ("100-00011", "0312345678901"),
    ])
    func refused(postal: String, phone: String) {
        let errors = #expect(throws: FormErrors.self) {
            try ContractDetails.parse([Field.name: "", Field.postalCode: postal, Field.phone: phone])
        }
        #expect(errors?.problems[Field.name] == .required && errors?.problems[Field.postalCode] == .invalidPostalCode)
        #expect(errors?.problems[Field.phone] == (phone == "03-1234-5678" ? nil : .invalidPhoneNumber))
    }
}
