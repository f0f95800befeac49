import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Cancellation and the purge of cancelled contracts (SPEC J4)")
struct CancellationTests {
    /// A contract whose contractor is in the contract menu and has invited a user, plus a second
    /// contract that must stay untouched.
    struct Scene {
        let fixture: TwoStepFixture
        let menu: ActiveSession
        let invited: Person
        let bystander: Person
    }

    static func scene(_ store: SQLStore) async throws -> Scene {
        let fixture = try await TwoStepFixture.make(store)
        let menu = try await LoginEmailChangeTests.menuSession(fixture)
        let invited = try await fixture.services.invitations.invite(
            name: "利用 者", email: "user@example.jp", admin: false, by: try #require(menu.account), client: fixture.client)
        let bystander = try await fixture.services.createContract.execute(TestServices.applicationForm(email: "other@example.com")).1
        _ = try await LoginEmailChangeTests.menuSession(fixture, person: bystander)
        try await fixture.enrolAuthenticator()
        return Scene(fixture: fixture, menu: menu, invited: invited, bystander: bystander)
    }

    static func cancel(_ scene: Scene, password: String? = nil, confirmation: String? = "yes") async throws {
        try await scene.fixture.services.cancelContract.execute(
            in: scene.menu, password: password ?? scene.fixture.password, confirmation: confirmation, client: scene.fixture.client)
    }

    @Test("the box and the password first; then every session of the contract ends, links die, sign-in says cancelled, a mail confirms",
          arguments: StoreKind.available)
    func cancel(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let scene = try await Self.scene(store)
            let fixture = scene.fixture
            await #expect(throws: FormErrors([CancelContract.Field.confirmation: .notConfirmed])) { try await Self.cancel(scene, confirmation: nil) }
            await #expect(throws: FormErrors([CancelContract.Field.password: .wrongCurrentPassword])) {
                try await Self.cancel(scene, password: "not it")
            }
            #expect(try await store.count("sessions") == 3, "nothing ended yet")

            try await Self.cancel(scene)
            #expect(try await store.count("sessions") == 1, "only the other contract's session is left")
            #expect(try await fixture.services.sessions.resume(scene.menu.token, client: fixture.client) == nil)
            let contract = try #require(try await store.read { tx in try await tx.contracts.find(fixture.person.contractID) })
            #expect(contract.status == .cancelled && contract.cancelledAt == fixture.now)
            await #expect(throws: ContractClosed.cancelled) {
                _ = try await fixture.services.signIn.execute(
                    email: fixture.email, password: fixture.password, previous: nil, client: fixture.client)
            }
            #expect(try await LockTests.attempt(fixture.services, password: "wrong password") == .rejected, "a wrong password learns nothing")
            let invitation = try #require(try await MailTickets.latest(to: "user@example.jp", in: store.outboxQueue))
            await #expect(throws: TicketRejected.self) { _ = try await fixture.services.invitedRegistration.preview(ticket: invitation, client: fixture.client) }
            let mail = try #require(try await LockTests.mails(store, subject: "【コーデックストレージ】解約手続き完了のお知らせ").first)
            #expect(mail.recipient == fixture.email)
            let kinds = try await store.auditKinds()
            #expect(kinds.contains(.contractCancelled) && kinds.contains(.contractCancelFailed) && kinds.contains(.signInRefusedCancelled))
            await #expect(throws: ContractClosed.cancelled) { try await Self.cancel(scene) }
        }
    }

    @Test("only the contractor may cancel", arguments: StoreKind.available)
    func onlyContractor(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let scene = try await Self.scene(store)
            let user = try await LoginEmailChangeTests.menuSession(scene.fixture, person: scene.invited)
            await #expect(throws: ContractMenuRefused.self) {
                try await scene.fixture.services.cancelContract.execute(
                    in: user, password: "anything at all", confirmation: "yes", client: scene.fixture.client)
            }
        }
    }

    @Test("the data is erased once the retention has passed, not before, and other contracts stay", arguments: StoreKind.available)
    func purge(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let scene = try await Self.scene(store)
            let fixture = scene.fixture
            try await Self.cancel(scene)
            var settings = fixture.services.settings
            settings.cancellationRetention = 3 * 86_400
            let purge = PurgeCancelledContracts(store: store, clock: fixture.services.clock, settings: settings)
            fixture.services.clock.advance(by: 3 * 86_400 - 1)
            #expect(try await purge.execute().isEmpty)
            fixture.services.clock.advance(by: 2)
            #expect(try await purge.execute() == [fixture.person.contractID])
            #expect(try await store.read { tx in try await tx.contracts.find(fixture.person.contractID) } == nil)
            #expect(try await store.count("people") == 1, "the other contract's contractor")
            #expect(try await store.count("password_credentials") == 1)
            #expect(try await store.count("two_step_registrations") == 0, "the contractor's was erased")
            #expect(try await store.count("mail_tickets") == 0)
            let records = try await store.read { tx in try await tx.audit.recent(limit: 100, person: nil) }
            let left = records.filter { $0.event.contractID == fixture.person.contractID || $0.event.personID == fixture.person.id }
            #expect(left.map(\.event.kind) == [.contractPurged])
            #expect(try await purge.execute().isEmpty, "nothing twice")
            #expect(try await LockTests.attempt(fixture.services, email: "other@example.com", password: fixture.password) == .signedIn)
        }
    }
}
