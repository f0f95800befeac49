import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Remembered browsers, on the store")
struct RememberedBrowserTests {
    static let day: TimeInterval = 86_400

    @Test("a remembered browser skips two-step while used once every 30 days (B3, C6)", arguments: StoreKind.available)
    func thirtyDaysSliding(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator(remember: true)
            let browser = try #require(completion.rememberedBrowser)
            let listed = try await fixture.services.rememberedBrowsers.list(for: fixture.person.id)
            #expect(listed.count == 1 && listed[0].label == "?" && listed[0].digest == browser.digest)
            #expect(try await fixture.auditKinds().contains(.browserRemembered))

            fixture.services.clock.advance(by: 29 * Self.day)
            #expect(try await fixture.signIn(browser: browser).0.stage == .signedIn)
            fixture.services.clock.advance(by: 29 * Self.day)
            #expect(try await fixture.signIn(browser: browser).0.stage == .signedIn, "each use restarts the 30 days")
            #expect(try await fixture.services.rememberedBrowsers.list(for: fixture.person.id).first?.lastUsedAt == fixture.now)

            fixture.services.clock.advance(by: 30 * Self.day)
            #expect(try await fixture.signIn(browser: browser).0.stage == .twoStep, "30 days unused: asked again")
            #expect(try await fixture.services.rememberedBrowsers.list(for: fixture.person.id).isEmpty)
            #expect(try await fixture.services.sweep.execute().rememberedBrowsers == 1)
        }
    }

    @Test("never-seen browsers, unknown tokens and another person's token are asked for two-step", arguments: StoreKind.available)
    func notRemembered(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            #expect(try await fixture.signIn(browser: nil).0.stage == .twoStep)
            #expect(try await fixture.signIn(browser: SecretToken.generate()).0.stage == .twoStep)

            let hanako = try await fixture.services.createContract.execute(TestServices.applicationForm(email: "hanako@example.jp")).1
            let token = SecretToken.generate()
            try await store.transaction { tx in
                try await tx.rememberedBrowsers.insert(RememberedBrowser(
                    id: .random(), personID: hanako.id, digest: token.digest, label: "Chrome", createdAt: fixture.now, lastUsedAt: fixture.now))
            }
            #expect(try await fixture.signIn(browser: token).0.stage == .twoStep)
        }
    }

    @Test("forgetting one browser, or all, brings two-step back; nobody forgets another's browser", arguments: StoreKind.available)
    func forget(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let first = try #require(try await fixture.enrolAuthenticator(remember: true).1.rememberedBrowser)
            fixture.nextStep()
            let (_, session) = try await fixture.signIn()
            guard case .signedIn(let completion) = try await fixture.twoStep.verifyAuthenticatorCode(
                session, code: try await fixture.code(), remember: true, client: fixture.client),
                let second = completion.rememberedBrowser
            else { Issue.record("a second browser remembered"); return }

            let browsers = try await fixture.services.rememberedBrowsers.list(for: fixture.person.id)
            #expect(browsers.count == 2)
            let hanako = try await fixture.services.createContract.execute(TestServices.applicationForm(email: "hanako@example.jp")).1
            let firstID = try #require(browsers.first { $0.digest == first.digest }?.id)
            #expect(try await fixture.services.rememberedBrowsers.forget(firstID, person: hanako, client: fixture.client) == false)
            #expect(try await fixture.services.rememberedBrowsers.forget(firstID, person: fixture.person, client: fixture.client))
            #expect(try await fixture.services.rememberedBrowsers.forget(firstID, person: fixture.person, client: fixture.client) == false)
            #expect(try await fixture.signIn(browser: first).0.stage == .twoStep)
            #expect(try await fixture.signIn(browser: second).0.stage == .signedIn)

            #expect(try await fixture.services.rememberedBrowsers.forgetAll(person: fixture.person, client: fixture.client) == 1)
            #expect(try await fixture.signIn(browser: second).0.stage == .twoStep)
            #expect(try await fixture.auditKinds().filter { $0 == .browserForgotten }.count == 2)
        }
    }
}
