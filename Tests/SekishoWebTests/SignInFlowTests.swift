import Foundation
import HTTPTypes
import SekishoCore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

@Suite("Sign-in, home and sign-out pages")
struct SignInFlowTests {
    @Test("the sign-in page has every element of SPEC B1 and the application link")
    func signInPage() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/").location == "/login")
            let page = try await app.browser.get("/login")
            #expect(page.status == .ok)
            for text in ["ログイン", "メールアドレス", "パスワード", "パスワードを忘れた方はこちら",
                         "パスワード変更、その他契約情報の変更はこちら", "Googleアカウントでログイン",
                         "Facebookアカウントでログイン", "新規契約のお申込みはこちら", #"href="/apply""#] {
                #expect(page.body.contains(text), "missing \(text)")
            }
            #expect(!page.body.contains("<script"))
        }
    }

    @Test("sign in, see home with name, email, contract, role and plan, sign out")
    func signInAndOut() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            let signedIn = try await app.signIn()
            #expect(signedIn.status == .seeOther && signedIn.location == "/two-step", "two-step verification comes first")
            try await app.signOut()
            let done = try await app.signInFully()
            #expect(done.status == .ok && done.body.contains(#"href="/home""#) && done.body.contains("ログインする"))
            let home = try await app.browser.get("/home")
            #expect(home.status == .ok)
            #expect(home.text(ofID: "home-name") == "山田 太郎")
            #expect(home.text(ofID: "home-email") == "taro@example.jp")
            #expect(home.text(ofID: "home-contract") == "株式会社テスト")
            #expect(home.text(ofID: "home-role") == "契約者")
            #expect(home.text(ofID: "home-plan") == "基本プラン")
            #expect(home.body.contains(#"action="/logout""#) && home.body.contains("ログアウト"))

            let out = try await app.browser.post("/logout", [])
            #expect(out.location == "/login?notice=signed_out")
            #expect(try await app.browser.get("/login?notice=signed_out").body.contains("ログアウトしました。"))
            let again = try await app.browser.get("/home")
            #expect(again.status == .seeOther && again.location == "/login?next=/home")
        }
    }

    @Test("a new session id at sign-in; the pre-sign-in session dies")
    func sessionRotation() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.browser.get("/login")
            let before = try #require(app.browser.cookies["sekisho_session"])
            try await app.browser.post("/login", [("email", "taro@example.jp"), ("password", "correct horse battery")])
            let after = try #require(app.browser.cookies["sekisho_session"])
            #expect(before != after)
            #expect(try await app.services.sessions.resume(SecretToken(parsing: before)!, client: TestServices.client) == nil)
        }
    }

    @Test("wrong password and unknown email: the same page, byte for byte, and status")
    func sameFailure() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.browser.get("/login")
            let wrongPassword = try await app.browser.post("/login", [("email", "taro@example.jp"), ("password", "not the password")])
            let unknownEmail = try await app.browser.post("/login", [("email", "nobody@example.jp"), ("password", "not the password")])
            #expect(wrongPassword.status == .unprocessableContent && unknownEmail.status == wrongPassword.status)
            #expect(wrongPassword.body.contains("メールアドレスまたはパスワードが正しくありません。"))
            #expect(wrongPassword.body.replacingOccurrences(of: "taro@example.jp", with: "X")
                == unknownEmail.body.replacingOccurrences(of: "nobody@example.jp", with: "X"))
        }
    }

    @Test("missing fields come back next to the field")
    func missingFields() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/login")
            let page = try await app.browser.post("/login", [("email", ""), ("password", "")])
            #expect(page.status == .unprocessableContent)
            #expect(page.text(ofID: "email-error") == "入力してください。")
            #expect(page.text(ofID: "password-error") == "入力してください。")
        }
    }

    @Test("after sign-in: the page asked for, else the service URL, else home; never another site",
          arguments: [("/home", "/home"), ("//evil.example/x", "/home"), ("https://evil.example", "/home"), ("/\\evil.example", "/home")])
    func landing(next: String, expected: String) async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signInFully()
            try await app.signOut()
            #expect(try await app.signInFully(next: next).location == expected)
        }
    }

    @Test("the page asked for survives the two-step pages, also through the completion page of a first enrolment")
    func landingAfterEnrolment() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            let done = try await app.signInFully(next: "/home?tab=browsers")
            #expect(done.body.contains(#"href="/home?tab=browsers""#))
            #expect(app.browser.cookies["sekisho_return"] == nil, "the return path is used once")
        }
    }

    @Test("a page asked for that would make the return cookie longer than 4,096 bytes is not kept (ASVS 3.3.5)")
    func longReturnPath() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            let fits = "/home?q=" + String(repeating: "a", count: 2_000)
            #expect(try await app.signIn(next: fits).setCookies.contains { $0.hasPrefix("sekisho_return=") })
            try await app.signOut()
            let tripled = "/home?q=" + String(repeating: "美", count: 680)
            #expect(LocalRedirect.validated(tripled) == tripled, "a valid page to come back to, three times longer encoded")
            let afterPassword = try await app.signIn(next: tripled)
            #expect(afterPassword.location == "/two-step")
            #expect(afterPassword.setCookies.allSatisfy { $0.utf8.count <= 4_096 })
            #expect(!afterPassword.setCookies.contains { $0.hasPrefix("sekisho_return=") && !$0.contains("Max-Age=0") },
                    "no return path, only the first sign-in's cleared")
        }
    }

    @Test("with a configured service URL, sign-in lands on the storage service (SPEC B5)")
    func serviceURL() async throws {
        try await WebTestApp.run(serviceURL: "https://storage.example.jp/main") { app async throws in
            try await app.contract()
            #expect(try await app.signInFully().body.contains(#"href="https://storage.example.jp/main""#))
            try await app.signOut()
            #expect(try await app.signInFully().location == "https://storage.example.jp/main")
        }
    }

    @Test("a signed-in visitor of the sign-in page goes home")
    func signedInVisitsLogin() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            #expect(try await app.browser.get("/login").location == "/two-step", "half signed in: back to two-step")
            try await app.signOut()
            try await app.signInFully()
            #expect(try await app.browser.get("/login").location == "/home")
        }
    }

    @Test("without configuration the provider buttons lead to a page that says they are not available")
    func unavailable() async throws {
        try await WebTestApp.run { app async throws in
            _ = try await app.browser.get("/login")
            let google = try await app.browser.post("/login", [("provider", "google")])
            #expect(google.status == .ok && google.body.contains("Googleアカウントでのログインは、現在このサービスでは設定されていません。"))
            _ = try await app.browser.get("/apply")
            let apply = try await app.browser.post("/apply", WebTestApp.applicationFields + [("provider", "facebook")])
            #expect(apply.body.contains("Facebookアカウントでのログインは、現在このサービスでは設定されていません。"))
        }
    }
}
