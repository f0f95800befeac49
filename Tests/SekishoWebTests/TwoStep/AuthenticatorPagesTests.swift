import Foundation
import HTTPTypes
import SekishoCore
import SekishoTestSupport
import Testing

@Suite("Two-step pages: authenticator app and recovery code")
struct AuthenticatorPagesTests {
    /// ASVS 6.6.1 and STANDARDS.md's SMS decision: the authenticator comes first and is
    /// recommended; SMS is offered after it with its risk said, on the choice and on the number page.
    @Test("the choice: the authenticator first and recommended, SMS after it with its risk")
    func choiceOrderAndSMSRisk() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            let risk = "SMSは電話番号の乗っ取りなどで第三者に読まれるおそれがあるため、Authenticatorより安全性が劣ります。"
            let choice = try await app.browser.get("/two-step").body
            let position = { (text: String) in choice.range(of: text)?.lowerBound }
            let authenticator = try #require(position("Authenticator (推奨)"))
            let sms = try #require(position("SMS (ショートメッセージ)"))
            let riskOnChoice = try #require(position(risk))
            let smsLink = try #require(position(#"id="choose-sms""#))
            #expect(authenticator < sms && sms < riskOnChoice && riskOnChoice < smsLink, "app first; the risk said before the SMS link")
            #expect(try await app.browser.get("/two-step/sms").body.contains(risk))
        }
    }

    @Test("enrol the app: choice → QR code and key → code → recovery code → tick → completion → home")
    func enrolment() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            #expect(try await app.signIn().location == "/two-step")

            let choice = try await app.browser.get("/two-step")
            #expect(choice.status == .ok)
            for text in ["2段階認証", "Google Authenticator", "Microsoft Authenticator", "携帯電話での認証はこちら", #"href="/two-step/sms""#] {
                #expect(choice.body.contains(text), "missing \(text)")
            }

            let setup = try await app.browser.get("/two-step/app")
            #expect(setup.status == .ok)
            #expect(setup.body.contains("<svg") && setup.body.contains("QRコード") && !setup.body.contains("<script"))
            let key = try await app.authenticatorKey(for: "taro@example.jp")
            #expect(setup.text(ofID: "totp-secret")?.replacingOccurrences(of: " ", with: "") == Base32.encode(key))
            #expect(setup.body.contains(#"href="otpauth://totp/"#) && setup.body.contains("secret=\(Base32.encode(key))&amp;issuer="))
            #expect(try await app.browser.get("/two-step/app").text(ofID: "totp-secret") == setup.text(ofID: "totp-secret"),
                    "reloading shows the same key")

            let code = OneTimePassword.authenticatorApp.code(key: key, at: app.services.clock.now())
            let accepted = try await app.browser.post("/two-step/app", [("code", code)])
            #expect(accepted.status == .seeOther && accepted.location == "/two-step")

            let recovery = try await app.browser.get("/two-step")
            #expect(recovery.status == .ok && recovery.body.contains("リカバリコードを保存しました"))
            #expect(recovery.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let shown = try #require(recovery.text(ofID: "recovery-code"))
            #expect(RecoveryCode(typed: shown) != nil && shown.contains("-"))
            #expect(try await app.browser.get("/home").location == "/two-step", "no signed-in page before the tick")

            let unticked = try await app.browser.post("/two-step/recovery-code", [])
            #expect(unticked.status == .unprocessableContent)
            #expect(unticked.text(ofID: "saved-error")?.contains("リカバリコードを保存しました") == true)
            #expect(unticked.text(ofID: "recovery-code") == shown, "the same code is shown again")

            let saved = try await app.browser.post("/two-step/recovery-code", [("saved", "on")])
            #expect(saved.status == .seeOther && saved.location == "/two-step/done")
            let done = try await app.browser.get("/two-step/done")
            #expect(done.status == .ok && done.body.contains("ログインする") && done.body.contains(#"href="/home""#))
            let home = try await app.browser.get("/home")
            #expect(home.status == .ok && home.text(ofID: "home-name") == "山田 太郎")
        }
    }

    @Test("lost device: 「デバイスを紛失した場合はこちら」 → the recovery code as copied → a new code to save → in")
    func lostDevice() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            try await app.browser.get("/two-step/app")
            try await app.browser.post("/two-step/app", [("code", try await app.nextAuthenticatorCode(for: "taro@example.jp"))])
            let old = try #require(try await app.browser.get("/two-step").text(ofID: "recovery-code"))
            try await app.browser.post("/two-step/recovery-code", [("saved", "on")])
            try await app.signOut()

            try await app.signIn()
            let prompt = try await app.browser.get("/two-step")
            #expect(prompt.body.contains("デバイスを紛失した場合は") && prompt.body.contains(#"href="/two-step/recovery""#))
            #expect(try await app.browser.get("/two-step/recovery").status == .ok)
            let wrong = try await app.browser.post("/two-step/recovery", [("recovery_code", RecoveryCode.generate().display)])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text(ofID: "two-step-failure")?.hasPrefix("リカバリーコードが正しくないか") == true)

            let typed = old.lowercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await app.browser.post("/two-step/recovery", [("recovery_code", typed)]).location == "/two-step")
            let new = try #require(try await app.browser.get("/two-step").text(ofID: "recovery-code"))
            #expect(new != old)
            #expect(try await app.browser.post("/two-step/recovery-code", [("saved", "on")]).location == "/two-step/done")
            #expect(try await app.browser.get("/home").status == .ok)

            try await app.signOut()
            try await app.signIn()
            try await app.browser.get("/two-step/recovery")
            let reused = try await app.browser.post("/two-step/recovery", [("recovery_code", old)])
            #expect(reused.status == .unprocessableContent, "the old code no longer works")
        }
    }
}
