import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Registering Google and Facebook accounts (SPEC A2, E2, F1, F4)")
struct FederatedRegistrationTests {
    /// A password contract and its contractor's account, for the admin's steps.
    static func contractor(_ fixture: FederationFixture) async throws -> Account {
        let (contract, person) = try await fixture.services.createContract.execute(TestServices.applicationForm(email: "boss@example.jp"))
        return Account(person: person, contract: contract, provedAt: fixture.services.clock.now())
    }

    static func ticket(_ store: SQLStore, to recipient: String) async throws -> TokenDigest {
        try TokenDigest(ofTicket: try await MailTickets.latest(to: recipient, in: store.outboxQueue))
    }

    static func person(_ store: SQLStore, _ email: String) async throws -> Person {
        try #require(try await store.read { tx in try await tx.people.find(email: EmailAddress(parsing: email)!) })
    }

    @Test("an application with Google founds a contract whose contractor signs in with Google", arguments: StoreKind.available)
    func application(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let person = try await fixture.googleContract(email: "apply@example.jp")
            #expect(person.role == .contractor && person.loginMethod == .google)
            #expect(try await fixture.linkedPerson(FakeIdentityProvider.identity()) == person.id)
            #expect(try await store.count("password_credentials") == 0)
            guard case .signedIn = try await fixture.roundTrip(.signIn(.portal)) else { throw FederationTestFailure() }
        }
    }

    @Test("an invited user registers with Google after 確認; the handle works once, in that browser", arguments: StoreKind.available)
    func invitation(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let boss = try await Self.contractor(fixture)
            let invited = try await fixture.services.invitations.invite(
                name: "招待 花子", email: "hanako@example.jp", admin: false, by: boss, client: fixture.client)
            let browser = try await fixture.browser()
            let identity = FakeIdentityProvider.identity(.facebook, subject: "fb-1", email: nil, verified: false, name: "Hanako")
            guard case .confirmRegistration(let confirmation) = try await fixture.roundTrip(
                .invitation(try await Self.ticket(store, to: "hanako@example.jp")), identity: identity, in: browser)
            else { throw FederationTestFailure() }
            #expect(confirmation.email.value == "hanako@example.jp" && !confirmation.changesEmail && confirmation.identity == identity)
            #expect(try await Self.person(store, "hanako@example.jp").status == .invited, "nothing registered before 確認")

            await #expect(throws: FederationError(.failed(.unknownState), purpose: .invitation(try await Self.ticket(store, to: "hanako@example.jp")))) {
                try await fixture.federation.confirm.execute(.facebook, handle: confirmation.handle, session: try await fixture.browser(), client: fixture.client)
            }
            // The other browser's attempt used the handle up; the round trip starts again.
            guard case .confirmRegistration(let again) = try await fixture.roundTrip(
                .invitation(try await Self.ticket(store, to: "hanako@example.jp")), identity: identity, in: browser)
            else { throw FederationTestFailure() }
            await #expect(throws: FederationError.self, "the handle belongs to Facebook's confirmation path") {
                try await fixture.federation.confirm.execute(.google, handle: again.handle, session: browser, client: fixture.client)
            }
            guard case .confirmRegistration(let third) = try await fixture.roundTrip(
                .invitation(try await Self.ticket(store, to: "hanako@example.jp")), identity: identity, in: browser)
            else { throw FederationTestFailure() }
            #expect(try await fixture.federation.confirm.execute(.facebook, handle: third.handle, session: browser, client: fixture.client) == .registered)
            let registered = try await Self.person(store, "hanako@example.jp")
            #expect(registered.id == invited.id && registered.status == .active && registered.loginMethod == .facebook)
            #expect(try await fixture.linkedPerson(identity) == invited.id)
            #expect(try await store.auditKinds().last == .personRegistered)
            await #expect(throws: FederationError.self) {
                try await fixture.federation.confirm.execute(.facebook, handle: third.handle, session: browser, client: fixture.client)
            }
            guard case .signedIn = try await fixture.roundTrip(.signIn(.portal), identity: identity) else { throw FederationTestFailure() }
        }
    }

    @Test("the email-change link changes a password person to Google, and a later one back to a password (F1)",
          arguments: StoreKind.available)
    func emailChange(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let boss = try await Self.contractor(fixture)
            let user = try await fixture.services.invitations.invite(name: "利用者", email: "user@example.jp", admin: false, by: boss, client: fixture.client)
            let invitation = try await MailTickets.latest(to: "user@example.jp", in: store.outboxQueue)
            try await fixture.services.invitedRegistration.choosePassword(ticket: invitation, password: "a long password", confirmation: "a long password", client: fixture.client)
            try await fixture.services.invitedRegistration.confirm(ticket: invitation, client: fixture.client)

            try await fixture.services.emailChange.request(person: user.id.rawValue, email: "user@gmail.example", by: boss, client: fixture.client)
            let identity = FakeIdentityProvider.identity(subject: "g-user", email: "user@gmail.example")
            guard case .confirmRegistration(let confirmation) = try await fixture.roundTrip(
                .emailChange(try await Self.ticket(store, to: "user@gmail.example")), identity: identity)
            else { throw FederationTestFailure() }
            #expect(confirmation.changesEmail && confirmation.email.value == "user@gmail.example")
            let browser = try await fixture.browser()
            // 確認 belongs to the browser of the round trip: do it again there.
            guard case .confirmRegistration(let mine) = try await fixture.roundTrip(
                .emailChange(try await Self.ticket(store, to: "user@gmail.example")), identity: identity, in: browser)
            else { throw FederationTestFailure() }
            #expect(try await fixture.federation.confirm.execute(.google, handle: mine.handle, session: browser, client: fixture.client)
                    == .emailChanged(.signInAgain))
            var changed = try await Self.person(store, "user@gmail.example")
            #expect(changed.id == user.id && changed.loginMethod == .google)
            #expect(try await store.read { tx in try await tx.passwords.hash(for: user.id) } == nil, "the password no longer works")
            #expect(try await LockTests.mails(store, subject: "【コーデックストレージ】メールアドレス変更のお知らせ").first?.recipient == "user@example.jp")
            guard case .signedIn = try await fixture.roundTrip(.signIn(.portal), identity: identity) else { throw FederationTestFailure() }

            try await fixture.services.emailChange.request(person: user.id.rawValue, email: "user2@example.jp", by: boss, client: fixture.client)
            try await fixture.services.emailChange.complete(
                ticket: try await MailTickets.latest(to: "user2@example.jp", in: store.outboxQueue), password: "another long password",
                confirmation: "another long password", browser: nil, client: fixture.client)
            changed = try await Self.person(store, "user2@example.jp")
            #expect(changed.loginMethod == .password)
            #expect(try await fixture.linkedPerson(identity) == nil)
            #expect(try await fixture.refusal { try await fixture.roundTrip(.signIn(.portal), identity: identity) } == .notRegistered(.google))
        }
    }

    @Test("a provider account linked to someone cannot register another person or found a contract", arguments: StoreKind.available)
    func accountTaken(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            _ = try await fixture.googleContract()
            let boss = try await Self.contractor(fixture)
            _ = try await fixture.services.invitations.invite(name: "別人", email: "other@example.jp", admin: false, by: boss, client: fixture.client)
            let ticket = try await Self.ticket(store, to: "other@example.jp")
            #expect(try await fixture.refusal { try await fixture.roundTrip(.invitation(ticket)) } == .accountTaken(.google))
            let draft = ApplicationDraft(companyName: "二重", applicantName: "二重", email: EmailAddress(parsing: "twice@example.jp")!, plan: .trial)
            #expect(try await fixture.refusal { try await fixture.roundTrip(.application(draft)) } == .accountTaken(.google))
            #expect(try await store.auditKinds().suffix(2) == [.federationRefused, .federationRefused])
            #expect(try await Self.person(store, "other@example.jp").status == .invited)
            #expect(try await store.count("contract_applications") == 0)
        }
    }

    @Test("two pending registrations of one provider account: the second 確認 is refused and audited, nothing written",
          arguments: StoreKind.available)
    func takenAtConfirmation(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let boss = try await Self.contractor(fixture)
            let browser = try await fixture.browser()
            var handles: [String] = []
            for email in ["first@example.jp", "second@example.jp"] {
                _ = try await fixture.services.invitations.invite(name: email, email: email, admin: false, by: boss, client: fixture.client)
                guard case .confirmRegistration(let pending) = try await fixture.roundTrip(
                    .invitation(try await Self.ticket(store, to: email)), in: browser)
                else { throw FederationTestFailure() }
                handles.append(pending.handle)
            }
            #expect(try await fixture.federation.confirm.execute(.google, handle: handles[0], session: browser, client: fixture.client) == .registered)
            await #expect(throws: FederationError(.accountTaken(.google), purpose: .invitation(try await Self.ticket(store, to: "second@example.jp")))) {
                try await fixture.federation.confirm.execute(.google, handle: handles[1], session: browser, client: fixture.client)
            }
            #expect(try await Self.person(store, "second@example.jp").status == .invited)
            #expect(try await store.auditKinds().last == .federationRefused)

            // The same for two applications: the second confirmation link founds nothing and goes.
            let drafts = ["one@example.jp", "two@example.jp"].map {
                ApplicationDraft(companyName: "競合", applicantName: "競合", email: EmailAddress(parsing: $0)!, plan: .basic)
            }
            let stranger = FakeIdentityProvider.identity(subject: "applicant")
            for draft in drafts { _ = try await fixture.roundTrip(.application(draft), identity: stranger) }
            let links = try await drafts.asyncMap { try await MailTickets.latest(to: $0.email.value, in: store.outboxQueue) }
            _ = try await fixture.services.confirm.execute(ticket: links[0], client: fixture.client)
            await #expect(throws: FederationRefused.accountTaken(.google)) {
                try await fixture.services.confirm.execute(ticket: links[1], client: fixture.client)
            }
            #expect(try await store.read { tx in try await tx.people.find(email: drafts[1].email) } == nil)
            #expect(try await store.count("contract_applications") == 0)
            await #expect(throws: TicketRejected.self) { try await fixture.services.confirm.execute(ticket: links[1], client: fixture.client) }
        }
    }

    @Test("a used or unknown mail link is refused at the button", arguments: StoreKind.available)
    func unusableLink(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            await #expect(throws: TicketRejected.self) {
                try await fixture.start(.invitation(SecretToken.generate().digest), in: try await fixture.browser())
            }
            await #expect(throws: TicketRejected.self) {
                try await fixture.start(.emailChange(SecretToken.generate().digest), in: try await fixture.browser())
            }
        }
    }
}

struct FederationTestFailure: Error {}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
