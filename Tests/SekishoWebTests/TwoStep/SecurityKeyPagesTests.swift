import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// 「セキュリティキー」 as a browser meets it: the software authenticator stands in for the key and
/// the page's script (the e2e suite drives the real script with Chrome's virtual authenticator).
@Suite("Two-step pages: security keys")
struct SecurityKeyPagesTests {
    /// The options the page hands to its script, read back from `data-options`.
    static func options(_ page: TestBrowser.Page) throws -> [String: Any] {
        let range = try #require(page.body.range(of: #"data-options="[^"]*""#, options: .regularExpression))
        let escaped = page.body[range].dropFirst("data-options=\"".count).dropLast()
        let json = escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func encoded(_ bytes: [UInt8]) -> String { Base64URL.encode(Data(bytes)) }

    /// The fields the registration page's script posts.
    static func fields(_ answer: SecurityKeyRegistration, name: String) -> [(String, String)] {
        [("name", name), ("credential_id", answer.credentialID), ("client_data", encoded(answer.clientData)),
         ("attestation", encoded(answer.attestationObject))]
    }

    /// The fields the sign-in and step-up pages' script posts.
    static func fields(_ answer: SecurityKeyAssertion) -> [(String, String)] {
        [("credential_id", answer.credentialID), ("client_data", encoded(answer.clientData)),
         ("authenticator_data", encoded(answer.authenticatorData)), ("signature", encoded(answer.signature))]
    }

    /// Registers a new software key from the registration page, as its script would.
    static func registerKey(_ app: WebTestApp) async throws -> SoftwareAuthenticator {
        let creation = try options(try await app.browser.get("/security-keys/new"))
        let authenticator = SoftwareAuthenticator()
        let answer = authenticator.register(challenge: try #require(creation["challenge"] as? String))
        _ = try await app.browser.post("/security-keys/new", fields(answer, name: "キー"))
        return authenticator
    }

    @Test("home links to the list; a key registers after a recent sign-in and then replaces the code at sign-in")
    func registerAndSignIn() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            #expect(try await app.browser.get("/home").body.contains("href=\"/security-keys\""))
            #expect(try await app.browser.get("/security-keys").text(ofID: "security-keys-empty") != nil)

            let form = try await app.browser.get("/security-keys/new")
            let creation = try Self.options(form)
            #expect((creation["rp"] as? [String: Any])?["id"] as? String == "127.0.0.1" && creation["attestation"] as? String == "none")
            #expect(form.body.contains("<script src=\"/static/security-key.js\"></script>"))
            let authenticator = SoftwareAuthenticator()
            let answer = authenticator.register(challenge: try #require(creation["challenge"] as? String))
            let added = try await app.browser.post("/security-keys/new", Self.fields(answer, name: "会社のキー"))
            #expect(added.location == "/security-keys?notice=security_key_added")
            let list = try await app.browser.get("/security-keys?notice=security_key_added")
            #expect(list.body.contains("会社のキー") && list.text(ofID: "security-keys-notice") != nil)
            let me = try await app.person("taro@example.jp")
            #expect(try await app.browser.get("/admin/users/\(me.id.rawValue)").text(ofID: "user-security-keys") == "会社のキー",
                    "the admin console names the keys")

            try await app.signOut()
            #expect(try await app.signIn().location == "/two-step")
            #expect(try await app.browser.get("/two-step/app").body.contains("id=\"use-security-key\""))
            let prompt = try await app.browser.get("/two-step/key")
            let request = try Self.options(prompt)
            #expect((request["allowCredentials"] as? [[String: Any]])?.first?["id"] as? String == authenticator.credentialID)
            let assertion = authenticator.assert(challenge: try #require(request["challenge"] as? String))
            let signedIn = try await app.browser.post("/two-step/key", Self.fields(assertion))
            #expect(signedIn.location == "/home" && signedIn.setCookies.contains { $0.hasPrefix("sekisho_session=") })
            #expect(try await app.browser.get("/home").status == .ok)
        }
    }

    @Test("a missing or wrong answer brings the page back with the reason; the list needs a recent sign-in to change")
    func refusals() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            _ = try await app.browser.get("/security-keys/new")
            let empty = try await app.browser.post("/security-keys/new", [("name", "キー")])
            #expect(empty.status == .unprocessableContent && empty.text(ofID: "security-key-failure") != nil)
            let answer = SoftwareAuthenticator().register(challenge: try #require(Self.options(empty)["challenge"] as? String))
            _ = try await app.browser.post("/security-keys/new", Self.fields(answer, name: "キー"))
            let key = try #require(try await app.store.read { tx in
                try await tx.securityKeys.list(for: try await app.person("taro@example.jp").id)
            }.first)

            app.services.clock.advance(by: RecentSignIn.window)
            #expect(try await app.browser.get("/security-keys/new").location == "/reauth?next=/security-keys/new")
            let removal = try await app.browser.post("/security-keys/remove", [("key", key.id.rawValue)], headers: [.referer: "/security-keys"])
            #expect(removal.location == "/reauth?next=/security-keys")
            _ = try await app.browser.get("/reauth?next=/security-keys")
            _ = try await app.browser.post("/reauth", [
                ("password", "correct horse battery"), ("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")),
                ("next", "/security-keys"),
            ])
            _ = try await app.browser.get("/security-keys")
            #expect(try await app.browser.post("/security-keys/remove", [("key", key.id.rawValue)]).location
                == "/security-keys?notice=security_key_removed")
            #expect(try await app.browser.get("/security-keys").text(ofID: "security-keys-empty") != nil)

            try await app.signOut()
            _ = try await app.signIn()
            #expect(try await app.browser.get("/two-step/key").location == "/two-step", "no key left: back to the code")
        }
    }

    @Test("at sign-in a forged or garbled answer is refused on the page, and the forged one is audited")
    func forgedAnswer() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            let authenticator = try await Self.registerKey(app)
            try await app.signOut()
            _ = try await app.signIn()
            _ = try await app.browser.get("/two-step/key")
            let forged = authenticator.assert(challenge: SecretToken.generate().text)
            let refused = try await app.browser.post("/two-step/key", Self.fields(forged))
            #expect(refused.status == .unprocessableContent && refused.text(ofID: "two-step-failure") != nil)
            let garbage = try await app.browser.post("/two-step/key", [("credential_id", "%%%"), ("signature", "!")])
            #expect(garbage.status == .unprocessableContent && garbage.text(ofID: "two-step-failure") != nil, "the reason, though no script ran")
            let kinds = try await app.store.read { try await $0.audit.recent(limit: 20, person: nil) }.map(\.event.kind)
            #expect(kinds.contains(.securityKeyFailed))
        }
    }

    @Test("the step-up page offers the key beside the code; the password and the key's answer go back to the page asked for")
    func stepUp() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            let authenticator = try await Self.registerKey(app)
            app.services.clock.advance(by: RecentSignIn.window)
            let page = try await app.browser.get("/reauth?next=/security-keys/new")
            #expect(page.body.contains("id=\"reauth-key-submit\"") && page.body.contains("id=\"reauth-submit\""))
            let request = try Self.options(page)
            let assertion = authenticator.assert(challenge: try #require(request["challenge"] as? String))
            let confirmed = try await app.browser.post(
                "/reauth", [("next", "/security-keys/new"), ("method", "security_key"), ("password", "correct horse battery")]
                    + Self.fields(assertion))
            #expect(confirmed.location == "/security-keys/new" && confirmed.setCookies.contains { $0.hasPrefix("sekisho_session=") })
            #expect(try await app.browser.get("/security-keys/new").status == .ok)

            app.services.clock.advance(by: RecentSignIn.window)
            _ = try await app.browser.get("/reauth?next=/home")
            let replayed = try await app.browser.post(
                "/reauth", [("next", "/home"), ("method", "security_key"), ("password", "correct horse battery")] + Self.fields(assertion))
            #expect(replayed.status == .unprocessableContent && replayed.text(ofID: "reauth-failure") != nil)
            let unanswered = try await app.browser.post(
                "/reauth", [("next", "/home"), ("method", "security_key"), ("password", "correct horse battery")])
            #expect(unanswered.status == .unprocessableContent && unanswered.text(ofID: "reauth-failure") != nil, "no script ran")
        }
    }

    @Test("the script is served as JavaScript from the origin, which the CSP allows")
    func script() async throws {
        try await WebTestApp.run { app in
            let script = try await app.browser.get("/static/security-key.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("navigator.credentials.create"))
        }
    }
}
