import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// A store with the Google/Facebook use cases wired to in-memory providers, and a browser session
/// to start round trips from.
struct FederationFixture {
    let services: TestServices
    let store: SQLStore
    let google = FakeIdentityProvider(.google)
    let facebook = FakeIdentityProvider(.facebook)

    init(_ store: SQLStore) {
        self.store = store
        services = TestServices(store: store)
    }

    var federation: FederationUseCases { services.federation([google, facebook]) }
    var client: ClientInfo { TestServices.client }

    /// A new browser: its pre-sign-in session.
    func browser() async throws -> ActiveSession {
        try #require(try await services.sessions.resume(try await services.sessions.startAnonymous(), client: TestServices.client))
    }

    /// The button: starts a round trip and returns its `state`.
    func start(
        _ purpose: FederationPurpose, provider: FederationProvider = .google, in browser: ActiveSession, client: ClientInfo = TestServices.client
    ) async throws -> String {
        let url = try await federation.start.execute(provider, purpose: purpose, session: browser, client: client)
        return try #require(FakeIdentityProvider.state(in: url))
    }

    /// The whole round trip: button, approval at the provider, callback in the same browser.
    func roundTrip(
        _ purpose: FederationPurpose, identity: FederatedIdentity = FakeIdentityProvider.identity(), in given: ActiveSession? = nil,
        client: ClientInfo = TestServices.client
    ) async throws -> FederationOutcome {
        var browser = given
        if browser == nil { browser = try await self.browser() }
        guard let browser else { throw FederationTestFailure() }
        let state = try await start(purpose, provider: identity.provider, in: browser, client: client)
        let fake = identity.provider == .google ? google : facebook
        let code = fake.approve(identity, state: state)
        return try await federation.finish.execute(
            identity.provider, callback: ProviderCallback(state: state, code: code, error: nil, issuer: nil), session: browser, client: client)
    }

    /// The refusal a round trip ends with, or `nil` when it went on.
    func refusal(of work: () async throws -> FederationOutcome) async throws -> FederationRefused? {
        do {
            _ = try await work()
            return nil
        } catch let error as FederationError {
            return error.reason
        }
    }

    /// A contract whose contractor signs in with Google (`identity`), made through the provider path.
    func googleContract(email: String = "taro@example.jp", identity: FederatedIdentity = FakeIdentityProvider.identity()) async throws -> Person {
        let draft = ApplicationDraft(companyName: "株式会社グーグル利用", applicantName: "山田 太郎", email: EmailAddress(parsing: email)!, plan: .basic)
        _ = try await roundTrip(.application(draft), identity: identity)
        let mail = try #require(try await store.outboxQueue.recent(limit: 5).first { $0.recipient == email })
        _ = try await services.confirm.execute(ticket: MailTickets.ticket(in: mail.body), client: client)
        return try #require(try await store.read { tx in try await tx.people.find(email: EmailAddress(parsing: email)!) })
    }

    func linkedPerson(_ identity: FederatedIdentity) async throws -> PersonID? {
        try await store.read { tx in try await tx.federatedIdentities.person(linkedTo: identity.provider, subject: identity.subject) }
    }
}
