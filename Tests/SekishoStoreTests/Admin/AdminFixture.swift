import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// Two contracts on one store: ours (contractor taro) and theirs (contractor jiro), for the admin
/// console's rules and its isolation.
struct AdminFixture {
    let services: TestServices
    let store: SQLStore
    let contractor: Account
    let other: Account
    static let password = "correct horse battery"

    static func make(_ store: SQLStore) async throws -> AdminFixture {
        let services = TestServices(store: store)
        let (ours, taro) = try await services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp"))
        let (theirs, jiro) = try await services.createContract.execute(TestServices.applicationForm(email: "jiro@example.jp"))
        return AdminFixture(
            services: services, store: store, contractor: Account(person: taro, contract: ours, provedAt: services.clock.now()),
            other: Account(person: jiro, contract: theirs, provedAt: services.clock.now()))
    }

    var client: ClientInfo { TestServices.client }

    /// Invites `email` into `account`'s contract and registers them with the password through the link.
    @discardableResult
    func member(_ email: String, name: String = "佐藤 花子", admin: Bool = false, of account: Account? = nil) async throws -> Account {
        let inviter = account ?? contractor
        let person = try await services.invitations.invite(name: name, email: email, admin: admin, by: inviter, client: client)
        let ticket = try await store.latestTicket(to: email)
        try await services.invitedRegistration.choosePassword(ticket: ticket, password: Self.password, confirmation: Self.password, client: TestServices.client)
        try await services.invitedRegistration.confirm(ticket: ticket, client: client)
        var active = person
        active.status = .active
        return Account(person: active, contract: inviter.contract, provedAt: services.clock.now())
    }
}
