import Foundation
import HTTPTypes
import SekishoCore
import SekishoTestSupport
import Testing

@Suite("Forgotten password and reset pages")
struct PasswordResetPagesTests {
    /// What the sign-in form's 「パスワードを忘れた方はこちら」 button posts.
    static func forgotFromLogin(_ app: WebTestApp, email: String) async throws -> TestBrowser.Page {
        try await app.browser.get("/login")
        return try await app.browser.post("/password/forgot", [("email", email), ("password", ""), ("from", "login")])
    }

    @Test("the sign-in page's link posts the typed email; known and unknown emails get the same bytes")
    func sameAnswer() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            let login = try await app.browser.get("/login")
            #expect(login.body.contains("formaction=\"/password/forgot\""))
            let known = try await Self.forgotFromLogin(app, email: "taro@example.jp")
            let unknown = try await Self.forgotFromLogin(app, email: "nobody@example.jp")
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.body == unknown.body)
            #expect(known.body.contains("メールを送信しました"))
            #expect(try await app.ticket(to: "taro@example.jp") != nil)
        }
    }

    @Test("without an email the form asks for one; a malformed email comes back with the reason")
    func askForEmail() async throws {
        try await WebTestApp.run { app in
            let empty = try await Self.forgotFromLogin(app, email: "")
            #expect(empty.status == .ok && empty.body.contains("id=\"forgot-submit\"") && !empty.body.contains("email-error"))
            let form = try await app.browser.get("/password/forgot")
            #expect(form.status == .ok)
            let malformed = try await app.browser.post("/password/forgot", [("email", "taro@")])
            #expect(malformed.status == .unprocessableContent && malformed.text(ofID: "email-error") != nil)
            let missing = try await app.browser.post("/password/forgot", [("email", "")])
            #expect(missing.status == .unprocessableContent)
        }
    }

    @Test("the reset link: new password twice, reasons for bad ones, then the manual's completion page")
    func resetPage() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            _ = try await Self.forgotFromLogin(app, email: "taro@example.jp")
            let ticket = try #require(try await app.ticket(to: "taro@example.jp"))
            let form = try await app.browser.get("/lo/reset?ticket=\(ticket)")
            #expect(form.status == .ok && form.headers[LockPagesTests.referrerPolicy] == "no-referrer")
            #expect(form.text(ofID: "reset-email") == "taro@example.jp")
            let mismatch = try await app.browser.post(
                "/lo/reset", [("ticket", ticket), ("password", "a brand new passphrase"), ("password_confirmation", "another")])
            #expect(mismatch.status == .unprocessableContent && mismatch.text(ofID: "password_confirmation-error") != nil)
            #expect(mismatch.body.contains("value=\"\(ticket)\""), "the form keeps the link's ticket")
            let weak = try await app.browser.post("/lo/reset", [("ticket", ticket), ("password", "password"), ("password_confirmation", "password")])
            #expect(weak.status == .unprocessableContent && weak.text(ofID: "password-error") != nil)
            let done = try await app.browser.post(
                "/lo/reset", [("ticket", ticket), ("password", "a brand new passphrase"), ("password_confirmation", "a brand new passphrase")])
            #expect(done.status == .ok && done.body.contains("リセットパスワードの手続きが完了いたしました。"))
            #expect(done.body.contains("2段階認証の登録はリセットされました。") && done.body.contains("<a href=\"/login\">OK</a>"))
            let signedIn = try await app.signIn(password: "a brand new passphrase")
            #expect(signedIn.location == "/two-step")
        }
    }

    @Test("stuck at two-step without device or recovery code: the reset is reachable and resets two-step")
    func resetFromTwoStep() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully(email: "taro@example.jp", password: "correct horse battery")
            try await app.signOut()
            #expect(try await app.signIn().location == "/two-step")
            let recovery = try await app.browser.get("/two-step/recovery")
            #expect(recovery.body.contains("href=\"/password/forgot\""))
            #expect(try await app.browser.get("/password/forgot").status == .ok)
            let sent = try await app.browser.post("/password/forgot", [("email", "taro@example.jp")])
            #expect(sent.status == .ok)
            let ticket = try #require(try await app.ticket(to: "taro@example.jp"))
            #expect(try await app.browser.get("/lo/reset?ticket=\(ticket)").status == .ok)
            let done = try await app.browser.post(
                "/lo/reset", [("ticket", ticket), ("password", "a brand new passphrase"), ("password_confirmation", "a brand new passphrase")])
            #expect(done.status == .ok)
            #expect(try await app.browser.get("/two-step").location?.hasPrefix("/login") == true, "the partial session ended too")
        }
    }

    @Test("a reset ends the person's other sessions at once")
    func otherSessionsEnd() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully(email: "taro@example.jp", password: "correct horse battery")
            #expect(try await app.browser.get("/home").status == .ok)
            let other = TestBrowser(app.browser.client)
            _ = try await other.get("/password/forgot")
            _ = try await other.post("/password/forgot", [("email", "taro@example.jp")])
            let ticket = try #require(try await app.ticket(to: "taro@example.jp"))
            _ = try await other.get("/lo/reset?ticket=\(ticket)")
            let done = try await other.post(
                "/lo/reset", [("ticket", ticket), ("password", "a brand new passphrase"), ("password_confirmation", "a brand new passphrase")])
            #expect(done.status == .ok)
            let home = try await app.browser.get("/home")
            #expect(home.status == .seeOther, "the first browser is signed out")
        }
    }
}
