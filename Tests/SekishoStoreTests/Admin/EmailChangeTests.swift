import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Email change by an admin")
struct EmailChangeTests {
    static let subject = "【コーデックストレージ】メールアドレス変更登録"
    static let newPassword = "a new address and passphrase"

    @Test("the new address gets the link; the old email works until it is used; then everything moves", arguments: StoreKind.available)
    func change(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let hanako = try await fixture.member("hanako@example.jp")
            let session = try await services.signIn.execute(email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await services.emailChange.request(person: hanako.person.id.rawValue, email: "hanako@new.example.jp", by: fixture.contractor, client: fixture.client)
            let mail = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(mail.subject == Self.subject && mail.recipient == "hanako@new.example.jp")
            #expect(mail.body.contains("ご登録いただきましたメールアドレスへの変更を完了させるために") && mail.body.contains("/lo/email?ticket="))
            #expect(mail.body.contains("7日間以内にアクセスが完了しない場合は"))
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: AdminFixture.password) == .signedIn,
                    "the old email keeps working until the link is used")

            let ticket = try await store.latestTicket(to: "hanako@new.example.jp")
            let preview = try await services.emailChange.preview(ticket: ticket, client: TestServices.client)
            #expect(preview.person.id == hanako.person.id && preview.email.value == "hanako@new.example.jp")
            await #expect(throws: FormErrors([EmailChange.Field.password: .passwordTooShort])) {
                try await services.emailChange.complete(ticket: ticket, password: "short", confirmation: "short", browser: nil, client: fixture.client)
            }
            try await services.emailChange.complete(ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, browser: nil, client: fixture.client)
            #expect(try await services.sessions.resume(session.token, client: TestServices.client) == nil)
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: Self.newPassword) == .rejected)
            let signedIn = try await services.signIn.execute(
                email: "hanako@new.example.jp", password: Self.newPassword, previous: nil, client: fixture.client)
            #expect(signedIn.stage == .twoStep)
            let notice = try #require(try await store.outboxQueue.recent(limit: 5).first { $0.recipient == "hanako@example.jp" })
            #expect(notice.subject == "【コーデックストレージ】メールアドレス変更のお知らせ" && notice.body.contains("hanako@new.example.jp"))
            await #expect(throws: TicketRejected()) {
                try await services.emailChange.complete(ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, browser: nil, client: fixture.client)
            }
        }
    }

    @Test("our own addresses, foreign people, invited people and bad links are refused; another contract's address gets a notice",
          arguments: StoreKind.available)
    func refusals(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let hanako = try await fixture.member("hanako@example.jp")
            let request = { (person: PersonID, email: String) in
                try await services.emailChange.request(person: person.rawValue, email: email, by: fixture.contractor, client: fixture.client)
            }
            await #expect(throws: FormErrors([EmailChange.Field.email: .emailRegistered])) { try await request(hanako.person.id, "TARO@example.jp") }
            // Another contract's address is answered like a free one; it gets a notice, not the link.
            try await request(hanako.person.id, "jiro@example.jp")
            let notice = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(notice.recipient == "jiro@example.jp" && notice.subject == "【コーデックストレージ】メールアドレス変更登録" && !notice.body.contains("ticket="))
            await #expect(throws: FormErrors([EmailChange.Field.email: .invalidEmail])) { try await request(hanako.person.id, "nope") }
            await #expect(throws: PersonNotFound()) { try await request(fixture.other.person.id, "x@example.jp") }
            let invited = try await services.invitations.invite(name: "招待中", email: "new@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            await #expect(throws: AdminRefusal.stillInvited) { try await request(invited.id, "x@example.jp") }

            try await request(hanako.person.id, "first@example.jp")
            let older = try await store.latestTicket(to: "first@example.jp")
            try await request(hanako.person.id, "second@example.jp")
            await #expect(throws: TicketRejected(), "a newer change voids the older link") { try await services.emailChange.preview(ticket: older, client: TestServices.client) }
            let newer = try await store.latestTicket(to: "second@example.jp")
            try await services.invitations.invite(name: "先に", email: "second@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            await #expect(throws: RegistrationError.emailTaken, "the address went to someone else meanwhile") {
                try await services.emailChange.complete(ticket: newer, password: EmailChangeTests.newPassword, confirmation: EmailChangeTests.newPassword, browser: nil, client: fixture.client)
            }
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: AdminFixture.password) == .signedIn)
        }
    }
}
