import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
@testable import SekishoWeb
import SekishoTestSupport
import Testing

/// 「パスワードの再入力」 before a sensitive change (``RecentSignIn``, ASVS 7.5.1–7.5.3), as a browser
/// meets it.
@Suite("Step-up pages")
struct StepUpPagesTests {
    static let origin = "http://127.0.0.1:8080"

    @Test("a stale admin: the form pages and the buttons go to 「パスワードの再入力」, which leads back to the page; the next button works")
    func adminButton() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            try await app.signInFully()
            let hanako = try await app.member("hanako@example.jp", of: taro)
            let detail = "/admin/users/\(hanako.id.rawValue)"
            app.services.clock.advance(by: RecentSignIn.window)

            for form in ["/admin/users/new", "\(detail)/email", "\(detail)/remove", "/admin/sessions/end-all"] {
                #expect(try await app.browser.get(form).location == "/reauth?next=\(form)", "\(form)")
            }
            _ = try await app.browser.get(detail)
            let role = try await app.browser.post("\(detail)/role", [("admin", "1")], headers: [.referer: "\(Self.origin)\(detail)"])
            #expect(role.location == "/reauth?next=\(detail)", "back to the page the button was on")
            let page = try await app.browser.get(try #require(role.location))
            #expect(page.status == .ok && page.body.contains("id=\"reauth-submit\"") && page.body.contains("value=\"\(detail)\""))
            #expect(page.body.contains("id=\"code\"") && page.text(ofID: "reauth-sms-send") == nil, "the authenticator's code too")
            let passwordOnly = try await app.browser.post("/reauth", [("password", "correct horse battery"), ("next", detail)])
            #expect(passwordOnly.status == .unprocessableContent && passwordOnly.text(ofID: "code-error") == "6桁の数字を入力してください。")
            let wrong = try await app.browser.post("/reauth", [("password", "not it"), ("next", detail)])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "password-error") == "現在のパスワードが正しくありません。")
            let right = try await app.browser.post(
                "/reauth", [("password", "correct horse battery"), ("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")), ("next", detail)])
            #expect(right.location == detail && right.setCookies.contains { $0.hasPrefix("sekisho_session=") }, "a new session id")

            _ = try await app.browser.get(detail)
            let changed = try await app.browser.post("\(detail)/role", [("admin", "1")])
            #expect(changed.location == "\(detail)?notice=role_changed")
            let kinds = try await app.store.read { try await $0.audit.recent(limit: 10, person: nil) }.map(\.event.kind)
            #expect(kinds.contains(.reauthenticated) && kinds.contains(.reauthenticationFailed) && kinds.contains(.roleChanged))
        }
    }

    @Test("the way back stays on this site: an outside next goes home, a Referer gives only its path")
    func noOpenRedirect() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            app.services.clock.advance(by: RecentSignIn.window)
            _ = try await app.browser.get("/sessions")
            for (referer, next) in [("https://evil.example/phish?x=1", "/phish?x=1"), ("https://evil.example", "/home"), ("not a url", "/home")] {
                let ended = try await app.browser.post("/sessions/end-others", [], headers: [.referer: referer])
                #expect(ended.location == "/reauth?next=\(LocalRedirect.queryValue(next))", "\(referer)")
            }
            #expect(try await app.browser.post("/sessions/end-others", []).location == "/reauth?next=/home", "no Referer")
            _ = try await app.browser.get("/reauth?next=//evil.example/")
            for next in ["https://evil.example/", "//evil.example/", "/\\evil.example"] {
                let page = try await app.browser.get("/reauth?next=\(LocalRedirect.queryValue(next))")
                #expect(page.body.contains("name=\"next\" value=\"/home\""), "\(next)")
                let right = try await app.browser.post(
                    "/reauth", [("password", "correct horse battery"), ("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")), ("next", next)])
                #expect(right.location == "/home", "\(next)")
            }
        }
    }

    @Test("a plain user still gets 403 from admin pages, and the contract menu's settings ask at /contract/reauth")
    func usersAndContractMenu() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword)
            app.services.clock.advance(by: RecentSignIn.window)
            #expect(try await app.browser.get("/admin/users/new").status == .forbidden)

            app.browser.forgetCookies()
            try await app.signInFully(at: "/contract/login")
            app.services.clock.advance(by: RecentSignIn.window)
            _ = try await app.browser.get("/contract/plan")
            let toggle = try await app.browser.post(
                "/contract/plan/two-step", [("keep", "on")], headers: [.referer: "\(Self.origin)/contract/plan"])
            #expect(toggle.location == "/contract/reauth?next=/contract/plan")
            let page = try await app.browser.get(try #require(toggle.location))
            #expect(page.body.contains("action=\"/contract/reauth\"") && page.body.contains("href=\"/contract\""))
            let right = try await app.browser.post(
                "/contract/reauth",
                [("password", "correct horse battery"), ("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")), ("next", "/contract/plan")])
            #expect(right.location == "/contract/plan")
            _ = try await app.browser.get("/contract/plan")
            #expect(try await app.browser.post("/contract/plan/two-step", [("keep", "on")]).location == "/contract/plan?notice=saved")
        }
    }

    @Test("a Google admin steps up through Google again, asked with max_age, which gives a new, recent session and goes back to the page")
    func providerAdmin() async throws {
        try await FederationPagesTests.run { app, provider in
            try await FederationPagesTests.googleContract(app, provider)
            _ = try await app.browser.get("/login")
            let start = try await app.browser.post("/login", [("provider", "google")])
            #expect(start.location?.contains("max_age") == false, "a plain sign-in asks for no fresh one")
            #expect(try await FederationPagesTests.returnFrom(provider, start, in: app).location == "/home")
            app.services.clock.advance(by: RecentSignIn.window)

            let asked = try await app.browser.get("/admin/users/new")
            let page = try await app.browser.get(try #require(asked.location))
            #expect(page.body.contains("id=\"reauth-provider\"") && page.body.contains("name=\"again\" value=\"1\"") && !page.body.contains("id=\"password\""))
            #expect(page.body.contains("name=\"next\" value=\"/admin/users/new\""))
            #expect(try await app.browser.post("/reauth", [("password", "anything"), ("next", "/admin/users/new")]).status == .unprocessableContent,
                    "no password to give")
            let again = try await app.browser.post("/login", [("again", "1"), ("provider", "google"), ("next", "/admin/users/new")])
            #expect(again.location?.contains("max_age=600") == true)
            let back = try await FederationPagesTests.returnFrom(provider, again, in: app)
            #expect(back.location == "/admin/users/new", "back to the page the step-up was for")
            #expect(back.setCookies.contains { $0.hasPrefix("sekisho_return=;") || ($0.hasPrefix("sekisho_return=") && $0.contains("Max-Age=0")) }, "the return path is used once")
            #expect(try await app.browser.get("/admin/users/new").status == .ok)
        }
    }

    @Test("an SMS person sends a code from the page, which says so, and steps up with it")
    func smsPerson() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signIn()
            try await app.browser.get("/two-step/sms")
            try await app.browser.post("/two-step/sms", [("phone", "090-1234-5678")])
            try await app.browser.post("/two-step/sms/code", [("code", try await app.lastSMSCode())])
            try await app.browser.get("/two-step")
            try await app.browser.post("/two-step/recovery-code", [("saved", "on")])
            app.services.clock.advance(by: RecentSignIn.window)

            let page = try await app.browser.get(try #require(try await app.browser.get("/admin/users/new").location))
            #expect(page.body.contains("id=\"reauth-sms-send\"") && page.body.contains("SMSで届いた認証コード"))
            let sent = try await app.browser.post("/reauth/sms", [("next", "/admin/users/new")])
            #expect(sent.location == "/reauth?next=/admin/users/new&sent=1")
            let again = try await app.browser.get(try #require(sent.location))
            #expect(again.text(ofID: "reauth-sms-sent")?.contains("送信しました") == true)
            let right = try await app.browser.post(
                "/reauth", [("password", "correct horse battery"), ("code", try await app.lastSMSCode()), ("next", "/admin/users/new")])
            #expect(right.location == "/admin/users/new")
            #expect(try await app.browser.get("/admin/users/new").status == .ok)
        }
    }
}
