import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Invitations and registration by link")
struct InvitationTests {
    static let subject = "【コーデックストレージ】利用者登録のご案内"

    @Test("the invitation mail follows the manual; the link's password and 確認 activate the person", arguments: StoreKind.available)
    func inviteAndRegister(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let invited = try await services.invitations.invite(
                name: " 佐藤 花子 ", email: "Hanako@Example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            #expect(invited.status == .invited && invited.role == .user && invited.name == "佐藤 花子")
            let mail = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(mail.subject == Self.subject && mail.recipient == "Hanako@Example.jp")
            #expect(mail.body.hasPrefix("佐藤 花子 様\n\nこちらは、コーデックストレージシステムです。\ntaro@example.jpより佐藤 花子様が"))
            #expect(mail.body.contains("本メール受領後、7日以内に下記URLへアクセスして利用者登録を完了してください。"))
            #expect(mail.body.contains("■利用者登録用URL\n\nhttp://127.0.0.1:8080/register?ticket=") && mail.body.contains("送信専用"))
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: AdminFixture.password) == .rejected,
                    "an invited person cannot sign in")

            let ticket = try await store.latestTicket(to: "Hanako@Example.jp")
            #expect(try await services.invitedRegistration.preview(ticket: ticket, client: TestServices.client).person.id == invited.id)
            await #expect(throws: TicketRejected(), "確認 before a password is chosen changes nothing") {
                try await services.invitedRegistration.confirm(ticket: ticket, client: fixture.client)
            }
            await #expect(throws: FormErrors([InvitedRegistration.Field.confirmation: .passwordMismatch])) {
                try await services.invitedRegistration.choosePassword(ticket: ticket, password: AdminFixture.password, confirmation: "other", client: TestServices.client)
            }
            try await services.invitedRegistration.choosePassword(
                ticket: ticket, password: AdminFixture.password, confirmation: AdminFixture.password, client: TestServices.client)
            let wins = await TwoStepFixture.successes(Array(repeating: ticket, count: 4)) {
                try await services.invitedRegistration.confirm(ticket: $0, client: fixture.client)
            }
            #expect(wins == 1, "a double-submitted 確認 registers once")
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: AdminFixture.password) == .signedIn)
            await #expect(throws: TicketRejected()) { try await services.invitedRegistration.preview(ticket: ticket, client: TestServices.client) }
            #expect(try await store.auditKinds().suffix(3).contains(.personRegistered))
        }
    }

    @Test("an address of our contract is 'already registered'; of another contract only 'cannot be invited'", arguments: StoreKind.available)
    func takenAddresses(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let invite = { (email: String) in
                try await fixture.services.invitations.invite(name: "誰か", email: email, admin: false, by: fixture.contractor, client: fixture.client)
            }
            await #expect(throws: FormErrors([Invitations.Field.email: .emailRegistered])) { try await invite("TARO@example.jp") }
            await #expect(throws: FormErrors([Invitations.Field.email: .emailUnavailable])) { try await invite("jiro@example.jp") }
            await #expect(throws: FormErrors([Invitations.Field.name: .required, Invitations.Field.email: .invalidEmail])) {
                try await fixture.services.invitations.invite(name: "  ", email: "jiro@", admin: false, by: fixture.contractor, client: fixture.client)
            }
            #expect(try await store.count("people") == 2)
            #expect(try await store.count("outbox") == 0)
        }
    }

    @Test("the same address invited by two contracts at once: exactly one invitation, on one instance or two sharing the database",
          arguments: StoreKind.available, [1, 2])
    func parallelInvitations(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in
            let store = stores[0]
            let fixture = try await AdminFixture.make(store)
            let invitations = fixture.services.onEach(stores).map(\.invitations)
            let accounts = [fixture.contractor, fixture.other, fixture.contractor, fixture.other]
            let wins = await TwoStepFixture.successes(Array(accounts.enumerated())) { index, account in
                try await invitations[index % invitations.count].invite(
                    name: "競合", email: "race@example.jp", admin: false, by: account, client: fixture.client)
            }
            #expect(wins == 1)
            #expect(try await store.count("people") == 3)
            #expect(try await store.outboxQueue.recent(limit: 10).count == 1)
        }
    }

    @Test("resend voids the older link; withdraw removes the person and the link", arguments: StoreKind.available)
    func resendAndWithdraw(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let invited = try await services.invitations.invite(
                name: "佐藤 花子", email: "hanako@example.jp", admin: true, by: fixture.contractor, client: fixture.client)
            let first = try await store.latestTicket(to: "hanako@example.jp")
            try await services.invitations.resend(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            let second = try await store.latestTicket(to: "hanako@example.jp")
            await #expect(throws: TicketRejected()) { try await services.invitedRegistration.preview(ticket: first, client: TestServices.client) }
            #expect(try await services.invitedRegistration.preview(ticket: second, client: TestServices.client).person.role == .admin)
            await #expect(throws: PersonNotFound(), "another contract's admin cannot touch it") {
                try await services.invitations.withdraw(person: invited.id.rawValue, by: fixture.other, client: fixture.client)
            }
            try await services.invitations.withdraw(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            await #expect(throws: TicketRejected()) { try await services.invitedRegistration.preview(ticket: second, client: TestServices.client) }
            #expect(try await store.count("people") == 2)
            await #expect(throws: AdminRefusal.notInvited) {
                try await services.invitations.resend(person: fixture.contractor.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            }
        }
    }
}
