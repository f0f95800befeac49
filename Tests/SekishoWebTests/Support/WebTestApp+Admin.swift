import Foundation
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// People of a contract for admin-console tests, made through the use cases directly.
extension WebTestApp {
    static let memberPassword = "member passphrase 42"

    /// The contractor's (or anyone's) account as the use cases take it, just signed in.
    func account(_ person: Person) async throws -> Account {
        let contract = try #require(try await store.read { try await $0.contracts.find(person.contractID) })
        let current = try #require(try await store.read { try await $0.people.find(person.id) })
        return Account(person: current, contract: contract, provedAt: services.clock.now())
    }

    /// Invites `email` into `inviter`'s contract and registers them with ``memberPassword``.
    @discardableResult
    func member(_ email: String, name: String = "佐藤 花子", admin: Bool = false, of inviter: Person) async throws -> Person {
        let core = services
        let invited = try await core.invitations.invite(name: name, email: email, admin: admin, by: try await account(inviter), client: TestServices.client)
        let ticket = try await ticket(to: email)
        try await core.invitedRegistration.choosePassword(ticket: ticket, password: Self.memberPassword, confirmation: Self.memberPassword, client: TestServices.client)
        try await core.invitedRegistration.confirm(ticket: ticket, client: TestServices.client)
        return try await person(invited.email.value)
    }
}
