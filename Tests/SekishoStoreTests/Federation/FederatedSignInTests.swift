import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Sign-in with Google and Facebook (SPEC B4; RFC 9700 client rules)")
struct FederatedSignInTests {
    @Test("a linked account signs in at once, without two-step, and has no password to guess", arguments: StoreKind.available)
    func signIn(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let person = try await fixture.googleContract()
            #expect(person.loginMethod == .google)
            guard case .signedIn(let signedIn, let scope) = try await fixture.roundTrip(.signIn(.portal)) else {
                Issue.record("expected a session")
                return
            }
            #expect(scope == .portal && signedIn.stage == .signedIn && signedIn.account.person.id == person.id)
            #expect(try await fixture.services.sessions.resume(signedIn.token, client: fixture.client)?.isSignedIn == true)
            #expect(try await store.auditKinds().last == .signInSucceeded)
            #expect(try await store.read { tx in try await tx.passwords.hash(for: person.id) } == nil)
            await #expect(throws: SignInRejected.self) {
                try await fixture.services.signIn.execute(
                    email: "taro@example.jp", password: "correct horse battery", previous: nil, client: fixture.client)
            }
        }
    }

    /// ASVS 7.6.1: a provider sign-in opens an ordinary Sekisho session, whatever the provider's own
    /// session does: it ends after an hour idle, and after 24 hours however busy.
    @Test("a Google session ends after 1 hour idle or 24 hours in all, like a password session", arguments: StoreKind.available)
    func sessionLifetimes(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            _ = try await fixture.googleContract()
            let clock = fixture.services.clock
            let resume = { (token: SecretToken) in try await fixture.services.sessions.resume(token, client: fixture.client) }
            guard case .signedIn(let busy, _) = try await fixture.roundTrip(.signIn(.portal)) else { throw FederationTestFailure() }
            for _ in 0..<24 {
                clock.advance(by: 59 * 60)
                #expect(try await resume(busy.token) != nil)
            }
            clock.advance(by: 59 * 60)
            #expect(try await resume(busy.token) == nil, "24 hours after the sign-in")

            guard case .signedIn(let idle, _) = try await fixture.roundTrip(.signIn(.portal)) else { throw FederationTestFailure() }
            clock.advance(by: 59 * 60)
            #expect(try await resume(idle.token) != nil)
            clock.advance(by: 3_601)
            #expect(try await resume(idle.token) == nil, "an hour idle")
        }
    }

    @Test("the same subject at Google and at Facebook stays two identities; a provider sign-in replaces the browser's pre-sign-in session",
          arguments: StoreKind.available)
    func identities(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let google = FakeIdentityProvider.identity(.google, subject: "4242")
            let person = try await fixture.googleContract(identity: google)
            let facebook = FakeIdentityProvider.identity(.facebook, subject: "4242", email: "someone@facebook.example")
            #expect(try await fixture.linkedPerson(facebook) == nil, "ASVS 6.8.1: identities are (provider, subject)")
            #expect(try await fixture.refusal { try await fixture.roundTrip(.signIn(.portal), identity: facebook) } == .notRegistered(.facebook))

            let before = try await fixture.services.sessions.startAnonymous()
            let browser = try #require(try await fixture.services.sessions.resume(before, client: fixture.client))
            guard case .signedIn(let signedIn, _) = try await fixture.roundTrip(.signIn(.portal), identity: google, in: browser) else {
                Issue.record("expected a session")
                return
            }
            #expect(signedIn.account.person.id == person.id)
            #expect(try await fixture.services.sessions.resume(before, client: fixture.client) == nil,
                    "ASVS 7.2.4: the pre-sign-in session is gone, the new one has a new token")
        }
    }

    @Test("an unknown provider account is told so; a verified address of a password person is told to use the password",
          arguments: StoreKind.available)
    func unlinked(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            try await fixture.services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp"))
            let stranger = FakeIdentityProvider.identity(subject: "stranger", email: "someone@gmail.example")
            #expect(try await fixture.refusal { try await fixture.roundTrip(.signIn(.portal), identity: stranger) } == .notRegistered(.google))
            let owner = FakeIdentityProvider.identity(subject: "owner", email: "taro@example.jp")
            #expect(try await fixture.refusal { try await fixture.roundTrip(.signIn(.portal), identity: owner) } == .signsInWith(.password))
            let unverified = FakeIdentityProvider.identity(subject: "owner", email: "taro@example.jp", verified: false)
            #expect(try await fixture.refusal { try await fixture.roundTrip(.signIn(.portal), identity: unverified) } == .notRegistered(.google),
                    "an unverified address reveals nothing")
            #expect(try await store.count("federated_identities") == 0, "never linked by email")
            #expect(try await store.auditKinds().suffix(3) == [.federationRefused, .federationRefused, .federationRefused])
        }
    }

    @Test("the state works once, in the browser that started it, for its provider, for 10 minutes", arguments: StoreKind.available)
    func state(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            _ = try await fixture.googleContract()
            let browser = try await fixture.browser()
            func callback(_ state: String?, _ code: String, provider: FederationProvider = .google, in session: ActiveSession) async throws -> FederationRefused? {
                try await fixture.refusal {
                    try await fixture.federation.finish.execute(
                        provider, callback: ProviderCallback(state: state, code: code, error: nil, issuer: nil), session: session,
                        client: fixture.client)
                }
            }
            let identity = FakeIdentityProvider.identity()

            var state = try await fixture.start(.signIn(.portal), in: browser)
            var code = fixture.google.approve(identity, state: state)
            #expect(try await callback(state, code, in: try await fixture.browser()) == .failed(.unknownState), "another browser")
            #expect(try await callback(state, code, in: browser) == .failed(.unknownState), "used up by the first callback")

            state = try await fixture.start(.signIn(.portal), in: browser)
            code = fixture.google.approve(identity, state: state)
            #expect(try await callback(state, code, provider: .facebook, in: browser) == .failed(.unknownState), "the other provider's callback")

            state = try await fixture.start(.signIn(.portal), in: browser)
            code = fixture.google.approve(identity, state: state)
            fixture.services.clock.advance(by: FederationRequest.lifetime + 1)
            #expect(try await callback(state, code, in: browser) == .failed(.unknownState), "expired")

            #expect(try await callback("not-a-state", code, in: browser) == .failed(.unknownState))
            #expect(try await callback(nil, code, in: browser) == .failed(.unknownState))

            state = try await fixture.start(.signIn(.portal), in: browser)
            #expect(try await callback(state, code, in: browser) == .failed(.invalidResponse("PKCE verifier")), "a code of another round trip")
            #expect(try await store.count("sessions") == 3, "no sign-in happened: only the browsers' sessions")
            #expect(try await store.count("federation_requests") == 0)
        }
    }

    @Test("cancelling, provider errors and unreachable providers return with a reason, audited, with nothing done",
          arguments: StoreKind.available)
    func providerErrors(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let browser = try await fixture.browser()
            func answer(error: String?, code: String?) async throws -> FederationRefused? {
                let state = try await fixture.start(.signIn(.portal), in: browser)
                return try await fixture.refusal {
                    try await fixture.federation.finish.execute(
                        .google, callback: ProviderCallback(state: state, code: code, error: error, issuer: nil), session: browser,
                        client: fixture.client)
                }
            }
            #expect(try await answer(error: "access_denied", code: nil) == .failed(.cancelled))
            #expect(try await answer(error: "server_error", code: nil) == .failed(.providerError("server_error")))
            #expect(try await answer(error: nil, code: nil) == .failed(.invalidResponse("no code")))
            let state = try await fixture.start(.signIn(.portal), in: browser)
            let code = fixture.google.approve(FakeIdentityProvider.identity(), state: state)
            fixture.google.fail(with: .unreachable)
            #expect(try await fixture.refusal {
                try await fixture.federation.finish.execute(
                    .google, callback: ProviderCallback(state: state, code: code, error: nil, issuer: nil), session: browser, client: fixture.client)
            } == .failed(.unreachable))
            await #expect(throws: FederationError(.failed(.unreachable), purpose: .signIn(.portal))) {
                try await fixture.start(.signIn(.portal), in: browser)
            }
            #expect(try await store.auditKinds().filter { $0 == .federationFailed }.count == 5)
            #expect(try await store.count("people") == 0)
            #expect(try await store.count("federated_identities") == 0)
        }
    }

    @Test("one client address may start 60 round trips in 10 minutes; more are throttled and audited", arguments: StoreKind.available)
    func throttle(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            let browser = try await fixture.browser()
            for _ in 0..<StartFederation.startsPerAddress { _ = try await fixture.start(.signIn(.portal), in: browser) }
            await #expect(throws: ClientThrottled.self) { try await fixture.start(.signIn(.portal), in: browser) }
            #expect(try await store.auditKinds().last == .requestThrottled)
            #expect(try await store.count("federation_requests") == StartFederation.startsPerAddress)
            fixture.services.clock.advance(by: StartFederation.startWindow)
            _ = try await fixture.start(.signIn(.portal), in: browser)
        }
    }

    @Test("a provider without configuration is refused at the button")
    func notConfigured() async throws {
        try await withTestStore(.sqlite) { store async throws in
            let fixture = FederationFixture(store)
            let onlyGoogle = fixture.services.federation([fixture.google])
            await #expect(throws: FederationError(.failed(.notConfigured), purpose: .signIn(.portal))) {
                try await onlyGoogle.start.execute(.facebook, purpose: .signIn(.portal), session: try await fixture.browser(), client: fixture.client)
            }
        }
    }
}
