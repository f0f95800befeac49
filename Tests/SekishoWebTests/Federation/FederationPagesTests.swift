import Foundation
import HTTPTypes
import Logging
import SekishoCore
import SekishoFederation
import SekishoStore
import SekishoTestSupport
import SekishoWeb
import Testing

/// The pages of Google sign-in and registration, driven end to end: the real OpenID Connect client
/// against ``TestOpenIDProvider`` (real keys, signed ID tokens, discovery and JWKS over loopback).
@Suite("Google and Facebook pages (SPEC B4, A2, E2, F4)")
struct FederationPagesTests {
    /// A portal whose Google (and, with `facebook`, Facebook) is the test provider.
    static func run(
        facebook: Bool = false, timeout: TimeInterval = 10, _ body: @escaping @Sendable (WebTestApp, TestOpenIDProvider) async throws -> Void
    ) async throws {
        var settings = TestOpenIDProvider.Settings()
        settings.redirectURI = "http://127.0.0.1:8080/auth/google/callback"
        settings.facebookRedirectURI = "http://127.0.0.1:8080/auth/facebook/callback"
        try await TestOpenIDProvider.withRunning(settings: settings) { provider in
            var clients: [any IdentityProvider] = [OpenIDConnectProvider(
                configuration: OpenIDConnectConfiguration(
                    provider: .google, issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret,
                    redirectURI: provider.redirectURI, timeout: timeout),
                clock: SystemWallClock(), logger: .init(label: "test"))]
            if facebook {
                clients.append(FacebookProvider(
                    configuration: FacebookConfiguration(
                        appID: provider.facebookAppID, appSecret: provider.facebookAppSecret, redirectURI: provider.facebookRedirectURI,
                        dialogURL: provider.facebookDialogURL, graphURL: provider.facebookGraphURL),
                    logger: .init(label: "test")))
            }
            try await WebTestApp.run(identityProviders: clients) { app in try await body(app, provider) }
        }
    }

    /// The person at Google: approves the request the button redirected to, and the browser follows
    /// the redirect back to the callback.
    static func returnFrom(
        _ provider: TestOpenIDProvider, _ redirect: TestBrowser.Page, in app: WebTestApp, subject: String = "google-taro",
        email: String = "taro@gmail.example", fault: IDTokenFault? = nil
    ) async throws -> TestBrowser.Page {
        #expect(redirect.status == .seeOther)
        let location = try #require(redirect.location)
        #expect(location.hasPrefix(provider.issuer) && location.contains("code_challenge_method=S256"))
        let (code, state) = try provider.approve(location, subject: subject, email: email, name: "山田 太郎", fault: fault)
        return try await app.browser.get("/auth/google/callback?code=\(code)&state=\(state)")
    }

    @Test("apply with Google, confirm by mail, then sign in with Google without two-step")
    func applyAndSignIn() async throws {
        try await Self.run { app, provider in
            _ = try await app.browser.get("/apply")
            let fields = WebTestApp.applicationFields.filter { !$0.0.hasPrefix("password") } + [("provider", "google")]
            let sent = try await Self.returnFrom(provider, try await app.browser.post("/apply", fields), in: app)
            #expect(sent.status == .ok && sent.body.contains("確認メールを送信しました"))
            #expect(sent.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            let confirmation = try await app.browser.get("/apply/confirm?ticket=\(ticket)")
            #expect(confirmation.text(ofID: "confirm-login-method") == "Googleアカウント", "the address's owner sees who will sign in")
            #expect(try await app.browser.post("/apply/confirm", [("ticket", ticket)]).location == "/login?notice=applied")

            app.browser.forgetCookies()
            _ = try await app.browser.get("/login")
            let back = try await Self.returnFrom(provider, try await app.browser.post("/login", [("provider", "google")]), in: app)
            #expect(back.status == .seeOther && back.location == "/home", "no two-step after Google")
            let home = try await app.browser.get("/home")
            #expect(home.status == .ok && home.body.contains("hanako@example.jp"))
        }
    }

    @Test("an unknown Google account, a cancel and a forged token return to the sign-in page with the reason")
    func refusals() async throws {
        try await Self.run { app, provider in
            _ = try await app.browser.get("/login")
            let unknown = try await Self.returnFrom(provider, try await app.browser.post("/login", [("provider", "google")]), in: app)
            #expect(unknown.status == .forbidden && unknown.body.contains("このGoogleアカウントで登録されたアカウントはありません"))

            let started = try await app.browser.post("/login", [("provider", "google")])
            let location = try #require(started.location)
            let state = try #require(FormFields(queryOf: location)?["state"])
            let cancelled = try await app.browser.get("/auth/google/callback?error=access_denied&state=\(state)")
            #expect(cancelled.status == .ok && cancelled.body.contains("Googleでの認証はキャンセルされました"))
            #expect(cancelled.body.contains("id=\"login-google\""), "the sign-in page, to try again")

            let forged = try await Self.returnFrom(
                provider, try await app.browser.post("/login", [("provider", "google")]), in: app, fault: .signedWithUnpublishedKey)
            #expect(forged.status == .badRequest && forged.body.contains("Googleからの応答を確認できませんでした"))
            let replayed = try await app.browser.get("/auth/google/callback?code=x&state=\(state)")
            #expect(replayed.status == .badRequest && replayed.body.contains("手続きの有効期限"))
            let kinds = try await app.store.read { tx in try await tx.audit.recent(limit: 10, person: nil) }.map(\.event.kind)
            #expect(kinds.filter { $0 == .federationFailed }.count == 3)
            #expect(kinds.contains(.federationRefused))
        }
    }

    @Test("an invited user registers with Google on the link's page, after 確認")
    func invitation() async throws {
        try await Self.run { app, provider in
            let (contract, boss) = try await app.services.createContract.execute(TestServices.applicationForm(email: "boss@example.jp"))
            _ = try await app.services.invitations.invite(
                name: "招待 花子", email: "hanako@example.jp", admin: false, by: Account(person: boss, contract: contract, provedAt: app.services.clock.now()), client: TestServices.client)
            let ticket = try #require(try await MailTickets.latest(to: "hanako@example.jp", in: app.store.outboxQueue))
            #expect(try await app.browser.get("/register?ticket=\(ticket)").body.contains("id=\"register-google\""))
            let confirm = try await Self.returnFrom(
                provider, try await app.browser.post("/register", [("ticket", ticket), ("provider", "google")]), in: app,
                subject: "google-hanako", email: "hanako@gmail.example")
            #expect(confirm.status == .ok && confirm.body.contains("hanako@example.jp") && confirm.body.contains("hanako@gmail.example"))
            let handle = try #require(confirm.body.firstMatch(of: /name="handle" value="([A-Za-z0-9_-]{43})"/)?.1)
            let done = try await app.browser.post("/auth/google/confirm", [("handle", String(handle))])
            #expect(done.status == .seeOther && done.location == "/login?notice=registered")
            let person = try #require(try await app.store.read { tx in try await tx.people.find(email: EmailAddress(parsing: "hanako@example.jp")!) })
            #expect(person.status == .active && person.loginMethod == .google)
        }
    }

    @Test("a Google contract: sign in with Google, open the contract menu with Google")
    func googleContract() async throws {
        try await Self.run { app, provider in
            try await Self.googleContract(app, provider)
            let back = try await Self.returnFrom(provider, try await app.browser.post("/contract/login", [("provider", "google")]), in: app)
            #expect(back.location == "/contract")
            #expect(try await app.browser.get("/contract").status == .ok)
        }
    }

    /// Applies for a basic-plan contract with Google (subject `google-taro`) and confirms it by mail;
    /// the browser is left signed out on the contract menu's sign-in page.
    static func googleContract(_ app: WebTestApp, _ provider: TestOpenIDProvider) async throws {
        _ = try await app.browser.get("/apply")
        let fields = WebTestApp.applicationFields.filter { !$0.0.hasPrefix("password") && $0.0 != "plan" }
            + [("plan", "basic"), ("provider", "google")]
        _ = try await Self.returnFrom(provider, try await app.browser.post("/apply", fields), in: app)
        let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
        _ = try await app.browser.get("/apply/confirm?ticket=\(ticket)")
        _ = try await app.browser.post("/apply/confirm", [("ticket", ticket)])
        app.browser.forgetCookies()
        _ = try await app.browser.get("/contract/login")
    }

    @Test("Facebook: apply, then sign in through the Graph API with appsecret_proof")
    func facebook() async throws {
        try await Self.run(facebook: true) { app, provider in
            _ = try await app.browser.get("/apply")
            let fields = WebTestApp.applicationFields.filter { !$0.0.hasPrefix("password") } + [("provider", "facebook")]
            let sent = try await Self.returnFromFacebook(provider, try await app.browser.post("/apply", fields), in: app)
            #expect(sent.status == .ok && sent.body.contains("確認メールを送信しました"))
            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            _ = try await app.browser.get("/apply/confirm?ticket=\(ticket)")
            _ = try await app.browser.post("/apply/confirm", [("ticket", ticket)])
            app.browser.forgetCookies()
            _ = try await app.browser.get("/login")
            let back = try await Self.returnFromFacebook(provider, try await app.browser.post("/login", [("provider", "facebook")]), in: app)
            #expect(back.location == "/home")
            let person = try #require(try await app.store.read { tx in try await tx.people.find(email: EmailAddress(parsing: "hanako@example.jp")!) })
            #expect(person.loginMethod == .facebook)
        }
    }

    static func returnFromFacebook(_ provider: TestOpenIDProvider, _ redirect: TestBrowser.Page, in app: WebTestApp) async throws -> TestBrowser.Page {
        let location = try #require(redirect.location)
        #expect(location.hasPrefix(provider.facebookDialogURL))
        let state = try #require(FormFields(queryOf: location)?["state"])
        let code = provider.issueFacebookCode(userID: "fb-hanako", name: "山田 花子", email: "hanako@facebook.example")
        return try await app.browser.get("/auth/facebook/callback?code=\(code)&state=\(state)")
    }

    @Test("a provider without configuration: its button says it is not available")
    func unconfigured() async throws {
        try await Self.run { app, _ in
            _ = try await app.browser.get("/login")
            let page = try await app.browser.post("/login", [("provider", "facebook")])
            #expect(page.status == .ok && page.body.contains("Facebookアカウントでのログインは、現在このサービスでは設定されていません"))
            #expect(try await app.browser.get("/auth/facebook").location == "/login")
        }
    }
}
