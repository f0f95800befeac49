import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("New-contract application on the store")
struct RegistrationTests {
    @Test("apply, confirm by the mailed link, and the contract exists with its contractor", arguments: StoreKind.available)
    func applyAndConfirm(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "Taro@Example.JP"), client: TestServices.client)
            #expect(try await store.count("contracts") == 0)

            let mail = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(mail.subject == "【コーデックストレージ】お申込みの確認")
            #expect(mail.recipient == "Taro@Example.JP")
            #expect(mail.body.contains("http://127.0.0.1:8080/apply/confirm?ticket="))
            #expect(mail.body.contains("送信専用"))
            let ticket = try #require(SQLStore.ticket(in: mail.body))

            let preview = try await services.confirm.preview(ticket: ticket)
            #expect(preview.companyName == "株式会社テスト")
            let contract = try await services.confirm.execute(ticket: ticket, client: TestServices.client)
            #expect(contract.plan == .basic && contract.status == .active && contract.trialEndsAt == nil)

            let person = try #require(try await store.read { try await $0.people.find(email: EmailAddress(parsing: "taro@example.jp")!) })
            #expect(person.role == .contractor && person.contractID == contract.id && person.name == "山田 太郎")
            #expect(try await store.count("contract_applications") == 0)
            #expect(try await store.auditKinds() == [.applicationSubmitted, .applicationConfirmed])
        }
    }

    @Test("a trial contract ends after the configured trial length", arguments: StoreKind.available)
    func trial(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "trial@example.jp", plan: "trial"), client: TestServices.client)
            let ticket = try #require(try await store.latestTicket(to: "trial@example.jp"))
            let contract = try await services.confirm.execute(ticket: ticket, client: TestServices.client)
            #expect(contract.trialEndsAt == services.clock.now().addingTimeInterval(30 * 86_400))
        }
    }

    @Test("a link works once, and not after 7 days", arguments: StoreKind.available)
    func ticketRules(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "once@example.jp"), client: TestServices.client)
            let ticket = try #require(try await store.latestTicket(to: "once@example.jp"))
            _ = try await services.confirm.execute(ticket: ticket, client: TestServices.client)
            await #expect(throws: TicketRejected.self) { try await services.confirm.execute(ticket: ticket, client: TestServices.client) }
            await #expect(throws: TicketRejected.self) { try await services.confirm.preview(ticket: ticket) }

            try await services.apply.execute(TestServices.applicationForm(email: "late@example.jp"), client: TestServices.client)
            let late = try #require(try await store.latestTicket(to: "late@example.jp"))
            services.clock.advance(by: 7 * 86_400)
            await #expect(throws: TicketRejected.self) { try await services.confirm.execute(ticket: late, client: TestServices.client) }
            #expect(try await store.count("contracts") == 1)
        }
    }

    @Test("garbage tickets are refused before touching the database", arguments: ["", "short", String(repeating: "a", count: 44), "ticket with spaces and more than forty chars!!"])
    func malformedTickets(ticket: String) async throws {
        try await withTestStore(.sqlite) { store async throws in
            let services = TestServices(store: store)
            await #expect(throws: TicketRejected.self) { try await services.confirm.execute(ticket: ticket, client: TestServices.client) }
            await #expect(throws: TicketRejected.self) { try await services.confirm.preview(ticket: nil) }
        }
    }

    @Test("a newer application for the same email voids the older link", arguments: StoreKind.available)
    func newerLinkVoidsOlder(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "twice@example.jp"), client: TestServices.client)
            let first = try #require(try await store.latestTicket(to: "twice@example.jp"))
            services.clock.advance(by: 60)
            try await services.apply.execute(TestServices.applicationForm(email: "TWICE@example.jp"), client: TestServices.client)
            let second = try #require(try await store.latestTicket(to: "TWICE@example.jp"))
            await #expect(throws: TicketRejected.self) { try await services.confirm.execute(ticket: first, client: TestServices.client) }
            _ = try await services.confirm.execute(ticket: second, client: TestServices.client)
        }
    }

    @Test("applying with a registered email answers the same, mails the owner, stores nothing", arguments: StoreKind.available)
    func registeredEmail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "owner@example.jp"))
            let answer = try await services.apply.execute(TestServices.applicationForm(email: "Owner@example.jp"), client: TestServices.client)
            #expect(answer.normalized == "owner@example.jp")
            #expect(try await store.count("contract_applications") == 0)
            #expect(try await store.count("mail_tickets") == 0)
            let mail = try #require(try await store.outboxQueue.recent(limit: 1).first)
            #expect(mail.subject == "【コーデックストレージ】お申込みの確認")
            #expect(mail.body.contains("すでにコーデックストレージに登録されている"))
            #expect(SQLStore.ticket(in: mail.body) == nil)
        }
    }

    @Test("the same link pressed twice at once creates one contract", arguments: StoreKind.available)
    func concurrentConfirmation(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "race@example.jp"), client: TestServices.client)
            let ticket = try #require(try await store.latestTicket(to: "race@example.jp"))
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { (try? await services.confirm.execute(ticket: ticket, client: TestServices.client)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.count("contracts") == 1)
        }
    }

    @Test("two applications for one email: the second confirmation is refused with nothing half-written", arguments: StoreKind.available)
    func emailTakenMeanwhile(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await services.apply.execute(TestServices.applicationForm(email: "a@example.jp"), client: TestServices.client)
            let first = try #require(try await store.latestTicket(to: "a@example.jp"))
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "A@example.jp"))
            await #expect(throws: RegistrationError.emailTaken) { try await services.confirm.execute(ticket: first, client: TestServices.client) }
            #expect(try await store.count("contracts") == 1)
            #expect(try await store.count("people") == 1)
        }
    }

    @Test("invalid forms store nothing and name every bad field")
    func invalidForm() async throws {
        try await withTestStore(.sqlite) { store async throws in
            let services = TestServices(store: store)
            let form = ApplicationForm(
                companyName: " ", applicantName: String(repeating: "名", count: 10_001), email: "not-an-email",
                plan: "gold", password: "password", passwordConfirmation: "password")
            let errors = try await #require(throws: FormErrors.self) { try await services.apply.execute(form, client: TestServices.client) }
            #expect(errors.problems == [
                "company_name": .required, "name": .tooLong, "email": .invalidEmail, "plan": .invalidChoice, "password": .passwordCommon,
            ])
            #expect(try await store.count("outbox") == 0)
            #expect(try await store.count("audit_log") == 0)
        }
    }
}
