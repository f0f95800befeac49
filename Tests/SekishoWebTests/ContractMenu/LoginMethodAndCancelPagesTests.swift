import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Contract menu: ログイン方法の設定 and 解約")
struct LoginMethodAndCancelPagesTests {
    static let newEmail = "hanako@example.com"
    static let newPassword = "a brand new passphrase"

    @Test("メール送信, then the link's 登録 in the same browser shows the menu; the next sign-in uses the new address")
    func changeEmail() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully(at: "/contract/login")
            let form = try await app.browser.get("/contract/login_method")
            #expect(form.status == .ok && form.body.contains("メールアドレス確認用") && form.body.contains("id=\"login-method-submit\""))
            let mismatch = try await app.browser.post(
                "/contract/login_method", [("email", Self.newEmail), ("email_confirmation", "other@example.com")])
            #expect(mismatch.status == .unprocessableContent && mismatch.text(ofID: "email_confirmation-error") == "メールアドレスが一致しません。")
            #expect(mismatch.body.contains("value=\"\(Self.newEmail)\""), "what was typed comes back")
            let sent = try await app.browser.post(
                "/contract/login_method", [("email", Self.newEmail), ("email_confirmation", Self.newEmail)])
            #expect(sent.location == "/contract/login_method/sent")
            #expect(try await app.browser.get("/contract/login_method/sent").body.contains("メールを送信しました"))

            let ticket = try #require(try await app.ticket(to: Self.newEmail))
            let link = try await app.browser.get("/lo/email?ticket=\(ticket)")
            #expect(link.status == .ok && link.text(ofID: "email-change-email") == Self.newEmail)
            let done = try await app.browser.post(
                "/lo/email", [("ticket", ticket), ("password", Self.newPassword), ("password_confirmation", Self.newPassword)])
            #expect(done.location == "/contract?notice=email_changed")
            let menu = try await app.browser.get("/contract?notice=email_changed")
            #expect(menu.status == .ok && menu.text(ofID: "menu-notice")?.contains("メールアドレスの変更が完了しました") == true)

            try await app.browser.post("/contract/leave", [])
            #expect(try await app.signIn(password: "correct horse battery").status == .unprocessableContent)
            let again = try await app.signIn(email: Self.newEmail, password: Self.newPassword, at: "/contract/login")
            #expect(again.location == "/two-step", "two-step enrols again")
        }
    }

    @Test("after ten minutes the password is asked again; a wrong one is said; the right one opens the form")
    func reauthenticate() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully(at: "/contract/login")
            app.services.clock.advance(by: RecentSignIn.window + 1)
            let asked = try await app.browser.get("/contract/login_method")
            #expect(asked.location == "/contract/reauth?next=/contract/login_method")
            let page = try await app.browser.get(try #require(asked.location))
            #expect(page.status == .ok && page.body.contains("パスワードの再入力") && page.body.contains("value=\"/contract/login_method\""))
            let posted = try await app.browser.post(
                "/contract/login_method", [("email", Self.newEmail), ("email_confirmation", Self.newEmail)])
            #expect(posted.location == "/contract/reauth?next=/contract", "a stale sign-in cannot send either")
            #expect(try await app.ticket(to: Self.newEmail) == nil, "nothing was sent")
            let wrong = try await app.browser.post("/contract/reauth", [("password", "not it"), ("next", "/contract/login_method")])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "password-error") == "現在のパスワードが正しくありません。")
            let code = try await app.nextAuthenticatorCode(for: "taro@example.jp")
            let right = try await app.browser.post(
                "/contract/reauth", [("password", "correct horse battery"), ("code", code), ("next", "/contract/login_method")])
            #expect(right.location == "/contract/login_method" && right.setCookies.contains { $0.hasPrefix("sekisho_session=") }, "a new session id")
            #expect(try await app.browser.get("/contract/login_method").body.contains("id=\"login-method-submit\""))
        }
    }

    @Test("a free trial is told why not (403); a user gets 403")
    func refused() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp", plan: "trial")).1
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(at: "/contract/login")
            let trial = try await app.browser.get("/contract/login_method")
            #expect(trial.status == .forbidden && trial.body.contains("無料トライアルをご契約の場合は"))
            let posted = try await app.browser.post(
                "/contract/login_method", [("email", Self.newEmail), ("email_confirmation", Self.newEmail)])
            #expect(posted.status == .forbidden && posted.body.contains("無料トライアルをご契約の場合は"), "posting the form directly")
            #expect(try await app.ticket(to: Self.newEmail) == nil)
            try await app.browser.post("/contract/leave", [])
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword, at: "/contract/login")
            #expect(try await app.browser.get("/contract/login_method").status == .forbidden)
            #expect(try await app.browser.get("/contract/cancel").status == .forbidden)
            #expect(try await app.browser.post("/contract/cancel", [("confirm", "yes"), ("password", WebTestApp.memberPassword)]).status == .forbidden)
        }
    }

    @Test("解約: explained, the box and the password asked; then everyone is out and sign-in says the contract was cancelled")
    func cancel() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            let member = TestBrowser(app.browser.client)
            try await member.get("/login")
            #expect(try await member.post("/login", [("email", "hanako@example.jp"), ("password", WebTestApp.memberPassword)]).location == "/two-step")
            try await app.signInFully(at: "/contract/login")

            let page = try await app.browser.get("/contract/cancel")
            #expect(page.status == .ok && page.text(ofID: "cancel-erasure-date") != nil && page.body.contains("上記の内容を確認し、解約に同意します"))
            let unticked = try await app.browser.post("/contract/cancel", [("password", "correct horse battery")])
            #expect(unticked.status == .unprocessableContent && unticked.text(ofID: "confirm-error") != nil)
            let wrong = try await app.browser.post("/contract/cancel", [("confirm", "yes"), ("password", "not it")])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "password-error") != nil)
            let done = try await app.browser.post("/contract/cancel", [("confirm", "yes"), ("password", "correct horse battery")])
            #expect(done.status == .ok && done.body.contains("解約手続きが完了しました"))
            let twice = try await app.browser.post("/contract/cancel", [("confirm", "yes"), ("password", "correct horse battery")])
            #expect(twice.status == .forbidden && !twice.body.contains("解約手続きが完了しました"), "a double submission: \(twice.status)")
            #expect(try await app.browser.get("/contract").location == "/contract/login")
            #expect(try await member.get("/two-step").location?.hasPrefix("/login") == true, "the member's session ended")

            let refused = try await app.signIn()
            #expect(refused.status == .forbidden && refused.body.contains("このご契約は解約されています"))
            let wrongAfter = try await app.signIn(password: "not the password")
            #expect(wrongAfter.status == .unprocessableContent && !wrongAfter.body.contains("解約"), "a wrong password learns nothing")
        }
    }
}
