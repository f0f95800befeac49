import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

@Suite("Forgotten password and reset")
struct PasswordResetTests {
    static let resetSubject = "【コーデックストレージ】パスワードリセット"
    static let newPassword = "a brand new passphrase"

    /// Asks for a reset as the page does, then lets the background job answer.
    static func request(_ services: TestServices, _ email: String) async throws {
        try await services.requestReset.execute(email: email, client: TestServices.client)
        try await services.deliverResets.execute()
    }

    static func reset(_ services: TestServices, ticket: String?, password: String = newPassword, confirmation: String? = nil) async throws {
        try await services.resetPassword.execute(
            ticket: ticket, password: password, confirmation: confirmation ?? password, client: TestServices.client)
    }

    @Test("a password account gets the reset link; odd case and spaces are the same email", arguments: StoreKind.available)
    func resetMail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, person) = try await LockTests.founded(store)
            try await Self.request(services, "  Taro@EXAMPLE.jp ")
            let mail = try #require(try await LockTests.mails(store, subject: Self.resetSubject).first)
            #expect(mail.recipient == LockTests.email)
            #expect(mail.body.contains("山田 太郎 様") && mail.body.contains("パスワードリセットについて承りました。"))
            #expect(mail.body.contains("http://127.0.0.1:8080/lo/reset?ticket=") && mail.body.contains("7日間以内"))
            let ticket = try #require(MailTickets.ticket(in: mail.body))
            #expect(try await services.resetPassword.preview(ticket: ticket, client: TestServices.client) == person)
            let stored = try await store.backend.withReader { db in
                try await db.raw("SELECT digest FROM mail_tickets").all(decodingColumn: "digest", as: String.self)
            }
            #expect(stored.count == 1 && !stored[0].contains(ticket) && stored[0] == TokenDigest(of: ticket).hex,
                    "the table holds the ticket's SHA-256 only")
            let event = try #require(try await store.read { try await $0.audit.recent(limit: 1, person: person.id) }.first?.event)
            #expect(event.kind == .passwordResetRequested)
        }
    }

    @Test("the request does the same whatever the email; only the background job looks the email up", arguments: StoreKind.available)
    func sameWorkForEveryEmail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            try await services.requestReset.execute(email: LockTests.email, client: TestServices.client)
            try await services.requestReset.execute(email: "nobody@example.jp", client: TestServices.client)
            #expect(try await store.count("password_reset_requests") == 2)
            #expect(try await store.count("outbox") == 0)
            #expect(try await !store.auditKinds().contains(.passwordResetRequested))
            let second = TestServices(store: store, clock: services.clock)
            let answered = await withTaskGroup(of: Int.self) { group in
                for worker in [services, second, services, second] { group.addTask { (try? await worker.deliverResets.execute()) ?? 0 } }
                return await group.reduce(0, +)
            }
            #expect(answered == 2, "each request is answered once, however many workers run")
            #expect(try await store.count("outbox") == 1)
            #expect(try await store.count("password_reset_requests") == 0)
        }
    }

    @Test("an unknown email gets nothing, a Google account a reminder to use Google", arguments: StoreKind.available)
    func otherEmails(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, person) = try await LockTests.founded(store)
            try await Self.request(services, "nobody@example.jp")
            #expect(try await store.outboxQueue.recent(limit: 10).isEmpty)
            let google = Person(
                id: .random(), contractID: person.contractID, email: EmailAddress(parsing: "g@example.jp")!, name: "Google 花子",
                role: .user, loginMethod: .google, createdAt: services.clock.now())
            _ = try await store.transaction { try await $0.people.insert(google) }
            try await Self.request(services, "g@example.jp")
            let mail = try #require(try await store.outboxQueue.recent(limit: 10).first)
            #expect(mail.recipient == "g@example.jp" && mail.subject == Self.resetSubject)
            #expect(mail.body.contains("Googleアカウントでログイン") && MailTickets.ticket(in: mail.body) == nil)
            #expect(try await store.auditKinds().filter { $0 == .passwordResetRequested }.count == 2)
        }
    }

    @Test("hammering: at most 3 mails per email per hour, the rest answered the same without mail", arguments: StoreKind.available)
    func perEmailLimit(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            for _ in 1...5 { try await Self.request(services, LockTests.email) }
            #expect(try await LockTests.mails(store, subject: Self.resetSubject).count == 3)
            #expect(try await store.auditKinds().filter { $0 == .requestThrottled }.count == 2)
            services.clock.advance(by: 3_600)
            try await Self.request(services, LockTests.email)
            #expect(try await LockTests.mails(store, subject: Self.resetSubject).count == 4)
            await #expect(throws: FormErrors([RequestPasswordReset.Field.email: .invalidEmail])) {
                try await services.requestReset.execute(email: "not an email", client: TestServices.client)
            }
        }
    }

    @Test("hammering from one address across emails: beyond its limit, the same answer and no mail", arguments: StoreKind.available)
    func perAddressLimit(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store, lockout: LockoutPolicy(resetRequestsPerAddress: 2))
            _ = try await services.createContract.execute(TestServices.applicationForm(email: LockTests.email))
            for email in ["a@example.jp", "b@example.jp", LockTests.email] { try await Self.request(services, email) }
            #expect(try await LockTests.mails(store, subject: Self.resetSubject).isEmpty)
            try await services.requestReset.execute(email: LockTests.email, client: ClientInfo(address: "198.51.100.4", userAgent: "x"))
            try await services.deliverResets.execute()
            #expect(try await LockTests.mails(store, subject: Self.resetSubject).count == 1, "another address is not limited")
        }
    }

    @Test("a reset unlocks, resets two-step, forgets browsers, ends sessions, kills old links and mails a notice", arguments: StoreKind.available)
    func effects(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let services = fixture.services
            try await fixture.enrolAuthenticator(remember: true)
            try await UnlockAndThrottleTests.lock(services)
            let unlockTicket = try #require(try await store.latestTicket(to: fixture.email))
            try await Self.request(services, fixture.email)
            let ticket = try await store.latestTicket(to: fixture.email)
            #expect(try await store.count("remembered_browsers") == 1)
            #expect(try await store.count("sessions") == 1)

            let done = try await services.resetPassword.execute(
                ticket: ticket, password: Self.newPassword, confirmation: Self.newPassword, client: TestServices.client)
            #expect(done.twoStepReset)
            #expect(try await fixture.registration() == nil)
            #expect(try await store.count("remembered_browsers") == 0)
            #expect(try await store.count("sessions") == 0)
            await #expect(throws: TicketRejected()) { try await services.unlock.preview(ticket: unlockTicket, client: TestServices.client) }
            await #expect(throws: TicketRejected()) { try await Self.reset(services, ticket: ticket) }
            #expect(try await LockTests.attempt(services, password: fixture.password) == .rejected)
            let signedIn = try await services.signIn.execute(
                email: fixture.email, password: Self.newPassword, previous: nil, client: TestServices.client)
            #expect(signedIn.stage == .twoStep)
            let session = try await fixture.resume(signedIn.token)
            #expect(try await services.twoStep.prompt(for: session) == .chooseMethod, "enrols again")

            let notice = try #require(try await LockTests.mails(store, subject: "【コーデックストレージ】パスワード変更のお知らせ").first)
            #expect(notice.recipient == fixture.email && notice.body.contains("192.0.2.1") && notice.body.contains("2段階認証の登録はリセット"))
            let details = try await store.read { try await $0.audit.recent(limit: 100, person: fixture.person.id) }.map(\.event)
                .filter { [.passwordResetCompleted, .accountUnlocked].contains($0.kind) }.map(\.detail)
            #expect(details == ["by=reset", "two_step=reset,sessions_ended=1,browsers_forgotten=1"])
        }
    }

    @Test("a contract that keeps two-step on reset keeps the registration", arguments: StoreKind.available)
    func keepTwoStep(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            try await store.backend.withTransaction { db in
                try await db.update("contracts").set("keep_two_step_on_reset", to: 1).run()
            }
            try await Self.request(fixture.services, fixture.email)
            let done = try await fixture.services.resetPassword.execute(
                ticket: try await store.latestTicket(to: fixture.email), password: Self.newPassword, confirmation: Self.newPassword,
                client: TestServices.client)
            #expect(!done.twoStepReset)
            #expect(try await fixture.registration() != nil)
            let notice = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(!notice.body.contains("2段階認証"))
        }
    }

    @Test("weak or mismatched passwords come back with the reason and leave the link usable", arguments: StoreKind.available)
    func badPasswords(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            try await Self.request(services, LockTests.email)
            let ticket = try await store.latestTicket(to: LockTests.email)
            await #expect(throws: FormErrors([ResetPassword.Field.password: .passwordTooShort])) {
                try await Self.reset(services, ticket: ticket, password: "short")
            }
            await #expect(throws: FormErrors([ResetPassword.Field.password: .passwordContainsEmail])) {
                try await Self.reset(services, ticket: ticket, password: "taro's secret words")
            }
            await #expect(throws: FormErrors([ResetPassword.Field.confirmation: .passwordMismatch])) {
                try await Self.reset(services, ticket: ticket, confirmation: "something else entirely")
            }
            await #expect(throws: FormErrors([ResetPassword.Field.password: .required])) {
                try await Self.reset(services, ticket: ticket, password: "")
            }
            try await Self.reset(services, ticket: ticket)
            #expect(try await LockTests.attempt(services, password: Self.newPassword) == .signedIn)
        }
    }

    @Test("the same reset link submitted at once wins exactly once, on one instance or two sharing the database",
          arguments: StoreKind.available, [1, 2])
    func parallelReset(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in
            let (first, _) = try await LockTests.founded(stores[0])
            let services = first.onEach(stores)
            try await Self.request(first, LockTests.email)
            let ticket = try await stores[0].latestTicket(to: LockTests.email)
            let passwords = ["first passphrase one", "second passphrase two", "third passphrase three", "fourth passphrase four"]
            let wins = await TwoStepFixture.successes(passwords) { password in
                try await Self.reset(services[passwords.firstIndex(of: password)! % services.count], ticket: ticket, password: password)
            }
            #expect(wins == 1)
            #expect(try await stores[0].auditKinds().filter { $0 == .passwordResetCompleted }.count == 1)
            #expect(try await LockTests.mails(stores[0], subject: "【コーデックストレージ】パスワード変更のお知らせ").count == 1)
        }
    }

    @Test("links expire with the clock; a newer link voids the older; lifetimes are per purpose", arguments: StoreKind.available)
    func expiryAndReplacement(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            try await Self.request(services, LockTests.email)
            let older = try await store.latestTicket(to: LockTests.email)
            try await Self.request(services, LockTests.email)
            let newer = try await store.latestTicket(to: LockTests.email)
            await #expect(throws: TicketRejected()) { try await services.resetPassword.preview(ticket: older, client: TestServices.client) }
            services.clock.advance(by: 7 * 86_400 - 1)
            _ = try await services.resetPassword.preview(ticket: newer, client: TestServices.client)
            services.clock.advance(by: 1)
            await #expect(throws: TicketRejected()) { try await services.resetPassword.preview(ticket: newer, client: TestServices.client) }
            services.clock.advance(by: 1)
            #expect(try await services.sweep.execute().tickets == 2, "the background sweep removes expired links")

            var settings = services.settings
            settings.ticketLifetimes[.passwordReset] = 3_600
            #expect(settings.lifetime(of: .passwordReset) == 3_600 && settings.lifetime(of: .unlock) == 7 * 86_400)
        }
    }
}
