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

    @Test("an address of our contract is 'already registered'; another contract's is invited like a free one, but gets a notice and stays its owner's",
          arguments: StoreKind.available)
    func takenAddresses(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let invite = { (email: String) in
                try await fixture.services.invitations.invite(name: "誰か", email: email, admin: false, by: fixture.contractor, client: fixture.client)
            }
            await #expect(throws: FormErrors([Invitations.Field.email: .emailRegistered])) { try await invite("TARO@example.jp") }
            await #expect(throws: FormErrors([Invitations.Field.name: .required, Invitations.Field.email: .invalidEmail])) {
                try await fixture.services.invitations.invite(name: "  ", email: "jiro@", admin: false, by: fixture.contractor, client: fixture.client)
            }
            #expect(try await store.count("outbox") == 0)

            let free = try await invite("free@example.jp")
            let taken = try await invite("jiro@example.jp")
            #expect(taken.status == free.status && taken.role == free.role && taken.name == free.name)
            let listed = try await Self.summaries(of: [free, taken], in: fixture)
            #expect(listed.count == 2 && listed[0].locked == listed[1].locked && listed[0].twoStep == listed[1].twoStep)
            #expect(listed[1].person.id == taken.id && listed[1].person.email.value == "jiro@example.jp", "listed with the address the admin typed")
            let events = try await store.read { try await $0.audit.recent(limit: 2, person: nil) }.map(\.event)
            #expect(events.map(\.kind) == [.personInvited, .personInvited] && events[0].detail == events[1].detail)

            let mails = try await store.outboxQueue.recent(limit: 5)
            let link = try #require(mails.first { $0.recipient == "free@example.jp" })
            let notice = try #require(mails.first { $0.recipient == "jiro@example.jp" })
            #expect(link.subject == Self.subject && notice.subject == Self.subject)
            #expect(link.body.contains("/register?ticket=") && !notice.body.contains("ticket="))
            #expect(notice.body.contains("taro@example.jpより、このメールアドレスを本サービスの利用者として登録する操作がありましたが"))
            #expect(notice.body.contains("すでにコーデックストレージに登録されているため、登録は行われていません。"))

            #expect(try await LockTests.attempt(fixture.services, email: "jiro@example.jp", password: AdminFixture.password) == .signedIn,
                    "the address still signs in to its own account")
            let owner = try await store.read { try await $0.people.find(email: EmailAddress(parsing: "jiro@example.jp")!) }
            #expect(owner?.id == fixture.other.person.id)
            await #expect(throws: FormErrors([Invitations.Field.email: .emailRegistered]), "invited twice, like a free address") {
                try await invite("Jiro@example.jp")
            }
            await #expect(throws: FormErrors([Invitations.Field.email: .emailRegistered])) { try await invite("free@example.jp") }
            #expect(try await store.count("people") == 4)
        }
    }

    @Test("a notice's invitation: resent, it notifies again; once the address is free, a resend sends the link and registration works",
          arguments: StoreKind.available)
    func noticeThenFreed(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let elsewhere = try await fixture.member("hanako@example.jp", of: fixture.other)
            let invited = try await services.invitations.invite(
                name: "佐藤 花子", email: "hanako@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            try await services.invitations.resend(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            let notices = try await LockTests.mails(store, subject: Self.subject).filter { $0.recipient == "hanako@example.jp" && !$0.body.contains("ticket=") }
            #expect(notices.count == 2)

            try await services.managePeople.remove(person: elsewhere.person.id.rawValue, by: fixture.other, client: fixture.client)
            try await services.invitations.resend(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            let ticket = try #require(try await store.latestTicket(to: "hanako@example.jp"))
            #expect(try await services.invitedRegistration.preview(ticket: ticket, client: TestServices.client).person.id == invited.id)
            try await services.invitedRegistration.choosePassword(
                ticket: ticket, password: AdminFixture.password, confirmation: AdminFixture.password, client: TestServices.client)
            try await services.invitedRegistration.confirm(ticket: ticket, client: fixture.client)
            let signedIn = try await services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            #expect(signedIn.account.person.id == invited.id && signedIn.account.contract.id == fixture.contractor.contract.id)
        }
    }

    @Test("an invitation that does not hold its address never touches its owner's lock: unlock and removal leave it",
          arguments: StoreKind.available)
    func ownerLockUntouched(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            try await UnlockAndThrottleTests.lock(services, email: "jiro@example.jp")
            let invited = try await services.invitations.invite(
                name: "次郎", email: "jiro@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            let summary = try #require(try await Self.summaries(of: [invited], in: fixture).first)
            #expect(!summary.locked, "the owner's lock does not show here")
            try await services.managePeople.unlock(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await LockTests.attempt(services, email: "jiro@example.jp", password: AdminFixture.password) == .locked)
            try await services.managePeople.remove(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await LockTests.attempt(services, email: "jiro@example.jp", password: AdminFixture.password) == .locked)
        }
    }

    /// The list's rows of `people`, in that order.
    static func summaries(of people: [Person], in fixture: AdminFixture) async throws -> [PersonSummary] {
        var rows: [PersonSummary] = []
        for person in people {
            rows.append(try #require(try await fixture.store.read { try await $0.directory.summary(person.id, in: person.contractID) }))
        }
        return rows
    }

    @Test("the same address invited by two contracts at once: one invitation holds it, the other contract's gets the notice; on one instance or two",
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
            #expect(wins == 2, "one per contract; the second of each contract is 'already registered'")
            #expect(try await store.count("people") == 4)
            let mails = try await store.outboxQueue.recent(limit: 10)
            #expect(mails.count == 2 && mails.filter { $0.body.contains("/register?ticket=") }.count == 1)
            #expect(try await store.read { try await $0.people.find(email: EmailAddress(parsing: "race@example.jp")!) } != nil)
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
