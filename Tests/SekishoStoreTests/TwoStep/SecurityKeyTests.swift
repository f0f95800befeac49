import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// Security keys as another way through the second step (NIST 800-63B-4 AAL2's phishing-resistant
/// option): registration after a recent sign-in, sign-in with the key, single use, and removal.
@Suite("Two-step: security keys")
struct SecurityKeyTests {
    /// A person with the authenticator app and one registered key; the key's session.
    static func withKey(_ fixture: TwoStepFixture) async throws -> (SoftwareAuthenticator, ActiveSession) {
        let (_, completion) = try await fixture.enrolAuthenticator()
        let session = try await fixture.resume(completion.session)
        let authenticator = SoftwareAuthenticator()
        let keys = fixture.twoStep.securityKeys
        let creation = try await keys.startRegistration(session)
        try await keys.register(session, name: "会社のキー", response: authenticator.register(challenge: creation.challenge), client: fixture.client)
        return (authenticator, session)
    }

    @Test("a registered key replaces the code at sign-in; the notice and the audit say so", arguments: StoreKind.available)
    func registerAndSignIn(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (authenticator, _) = try await Self.withKey(fixture)
            let listed = try await fixture.twoStep.securityKeys.list(for: fixture.person.id)
            #expect(listed.map(\.name) == ["会社のキー"] && listed.first?.credentialID == authenticator.credentialID)
            let notice = try await store.outboxQueue.recent(limit: 5).first { $0.subject.contains("セキュリティキー登録のお知らせ") }
            #expect(notice?.recipient == fixture.email && notice?.body.contains("会社のキー") == true)

            let (_, partial) = try await fixture.signIn()
            #expect(try await fixture.twoStep.hasSecurityKeys(partial))
            let request = try #require(try await fixture.twoStep.securityKeyRequest(for: partial))
            #expect(request.allowedCredentials == [authenticator.credentialID] && request.relyingPartyID == "127.0.0.1")
            let outcome = try await fixture.twoStep.verifySecurityKey(
                partial, response: authenticator.assert(challenge: request.challenge), remember: false, client: fixture.client)
            guard case .signedIn(let completion) = outcome else { Issue.record("signed in"); return }
            #expect(try await fixture.resume(completion.session).isSignedIn)
            #expect(try await fixture.twoStep.securityKeys.list(for: fixture.person.id).first?.lastUsedAt == fixture.now)
            let kinds = try await fixture.auditKinds()
            #expect(kinds.contains(.securityKeyAdded) && kinds.contains(.signInSucceeded))
        }
    }

    @Test("an answer counts once: replayed, or sent twice at the same moment, exactly one gets in", arguments: StoreKind.available)
    func singleUse(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (authenticator, _) = try await Self.withKey(fixture)
            let (_, partial) = try await fixture.signIn()
            let request = try #require(try await fixture.twoStep.securityKeyRequest(for: partial))
            let answer = authenticator.assert(challenge: request.challenge)
            let twoStep = fixture.twoStep
            let client = fixture.client
            let wins = await TwoStepFixture.successes([answer, answer, answer]) { answer in
                try await twoStep.verifySecurityKey(partial, response: answer, remember: false, client: client)
            }
            #expect(wins == 1)
            let (_, later) = try await fixture.signIn()
            _ = try await fixture.twoStep.securityKeyRequest(for: later)
            await #expect(throws: SecurityKeyRejected.wrongCeremony, "the old challenge's answer in a new sign-in") {
                _ = try await twoStep.verifySecurityKey(later, response: answer, remember: false, client: client)
            }
            #expect(try await fixture.auditKinds().contains(.securityKeyFailed))
        }
    }

    @Test("another person's key, a key answering no challenge, or no answer at all gets nobody in", arguments: StoreKind.available)
    func refusals(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            _ = try await Self.withKey(fixture)
            let (_, partial) = try await fixture.signIn()
            let twoStep = fixture.twoStep
            await #expect(throws: SecurityKeyRejected.wrongCeremony, "no challenge was asked for") {
                _ = try await twoStep.verifySecurityKey(
                    partial, response: SoftwareAuthenticator().assert(challenge: "x"), remember: false, client: fixture.client)
            }
            let request = try #require(try await twoStep.securityKeyRequest(for: partial))
            await #expect(throws: SecurityKeyRejected.unknownKey) {
                _ = try await twoStep.verifySecurityKey(
                    partial, response: SoftwareAuthenticator().assert(challenge: request.challenge), remember: false, client: fixture.client)
            }
            await #expect(throws: FormErrors([SecurityKeys.Field.response: .securityKeyFailed])) {
                _ = try await twoStep.verifySecurityKey(partial, response: nil, remember: false, client: fixture.client)
            }
        }
    }

    @Test("at step-up the password and a key's answer make a recent session; the answer works once and never without the password",
          arguments: StoreKind.available)
    func stepUp(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (authenticator, session) = try await Self.withKey(fixture)
            let recentSignIn = fixture.services.recentSignIn
            let client = fixture.client
            fixture.services.clock.advance(by: RecentSignIn.window)
            let stale = try await fixture.resume(session.token)
            var request = try #require(try await fixture.twoStep.securityKeyRequest(for: stale))
            await #expect(throws: FormErrors.self, "a wrong password") {
                _ = try await recentSignIn.confirm(
                    stale, password: "wrong password", secondFactor: .securityKey(authenticator.assert(challenge: request.challenge)),
                    client: client)
            }
            let answer = authenticator.assert(challenge: request.challenge)
            let token = try await recentSignIn.confirm(stale, password: fixture.password, secondFactor: .securityKey(answer), client: client)
            let renewed = try await fixture.resume(token)
            #expect(recentSignIn.isRecent(renewed) && renewed.isSignedIn)
            await #expect(throws: SecurityKeyRejected.wrongCeremony, "the same answer again") {
                _ = try await recentSignIn.confirm(renewed, password: fixture.password, secondFactor: .securityKey(answer), client: client)
            }
            request = try #require(try await fixture.twoStep.securityKeyRequest(for: renewed))
            await #expect(throws: SecurityKeyRejected.wrongCeremony, "a step-up answer does not sign in") {
                let (_, partial) = try await fixture.signIn()
                _ = try await fixture.twoStep.verifySecurityKey(
                    partial, response: authenticator.assert(challenge: request.challenge), remember: false, client: client)
            }
        }
    }

    @Test("registering needs a recent sign-in, a name and a new key; more than ten are refused", arguments: StoreKind.available)
    func registrationRules(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (authenticator, session) = try await Self.withKey(fixture)
            let keys = fixture.twoStep.securityKeys
            let client = fixture.client
            var creation = try await keys.startRegistration(session)
            #expect(creation.excludedCredentials == [authenticator.credentialID])
            await #expect(throws: FormErrors([SecurityKeys.Field.name: .required])) {
                try await keys.register(session, name: " ", response: SoftwareAuthenticator().register(challenge: creation.challenge), client: client)
            }
            creation = try await keys.startRegistration(session)
            await #expect(throws: FormErrors([SecurityKeys.Field.response: .securityKeyRegistered])) {
                try await keys.register(session, name: "同じキー", response: authenticator.register(challenge: creation.challenge), client: client)
            }
            for number in 2...SecurityKey.maxPerPerson {
                creation = try await keys.startRegistration(session)
                try await keys.register(session, name: "キー\(number)", response: SoftwareAuthenticator().register(challenge: creation.challenge), client: client)
            }
            creation = try await keys.startRegistration(session)
            await #expect(throws: FormErrors([SecurityKeys.Field.response: .securityKeyLimit])) {
                try await keys.register(session, name: "11", response: SoftwareAuthenticator().register(challenge: creation.challenge), client: client)
            }
            fixture.services.clock.advance(by: RecentSignIn.window)
            let stale = try await fixture.resume(session.token)
            await #expect(throws: RecentSignInRequired()) { _ = try await keys.startRegistration(stale) }
        }
    }

    @Test("removing needs a recent sign-in and sends a notice; resetting two-step removes every key", arguments: StoreKind.available)
    func removal(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, session) = try await Self.withKey(fixture)
            let keys = fixture.twoStep.securityKeys
            let key = try #require(try await keys.list(for: fixture.person.id).first)
            #expect(try await keys.remove(key.id, from: session, client: fixture.client))
            #expect(try await keys.remove(key.id, from: session, client: fixture.client) == false, "already gone")
            let notice = try await store.outboxQueue.recent(limit: 5).first { $0.subject.contains("セキュリティキー削除のお知らせ") }
            #expect(notice?.recipient == fixture.email)

            let creation = try await keys.startRegistration(session)
            try await keys.register(session, name: "予備", response: SoftwareAuthenticator().register(challenge: creation.challenge), client: fixture.client)
            try await store.transaction { tx in try await tx.twoStep.delete(fixture.person.id) }
            #expect(try await keys.list(for: fixture.person.id).isEmpty, "the keys went with the registration")
            #expect(try await keys.isAvailable(to: fixture.person.id) == false)
        }
    }
}
