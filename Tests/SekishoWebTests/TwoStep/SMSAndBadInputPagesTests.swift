import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Two-step pages: SMS, bad input and throttling")
struct SMSAndBadInputPagesTests {
    @Test("SMS: 「携帯電話での認証はこちら」 → number → code with 「記憶する」 → recovery code → done; home lists the browser")
    func smsEnrolment() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            let phoneForm = try await app.browser.get("/two-step/sms")
            #expect(phoneForm.status == .ok && phoneForm.body.contains(#"name="phone""#))

            let landline = try await app.browser.post("/two-step/sms", [("phone", "03-1234-5678")])
            #expect(landline.status == .unprocessableContent)
            #expect(landline.text(ofID: "phone-error")?.contains("070・080・090") == true)
            #expect(landline.body.contains(#"value="03-1234-5678""#), "the number typed comes back")

            let sent = try await app.browser.post("/two-step/sms", [("phone", "090-1234-5678")])
            #expect(sent.location == "/two-step/sms/code")
            let codePage = try await app.browser.get("/two-step/sms/code")
            #expect(codePage.text(ofID: "sms-phone") == "090-****-5678")
            #expect(codePage.body.contains("このブラウザを一定期間、記憶する") && !codePage.body.contains("lost-device"))

            let wrong = try await app.browser.post("/two-step/sms/code", [("code", "abc")])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "code-error") == "6桁の数字を入力してください。")

            let accepted = try await app.browser.post("/two-step/sms/code", [("code", try await app.lastSMSCode()), ("remember", "on")])
            #expect(accepted.location == "/two-step")
            try await app.browser.get("/two-step")
            #expect(try await app.browser.post("/two-step/recovery-code", [("saved", "on")]).location == "/two-step/done")
            #expect(app.browser.cookies["sekisho_browser"] != nil)
            let home = try await app.browser.get("/home")
            #expect(home.body.contains("このブラウザ") && home.body.contains(#"id="browsers""#))

            try await app.signOut()
            #expect(try await app.signIn().location == "/home", "remembered: no two-step")
        }
    }

    @Test("SMS at a later sign-in: 「コードを再送信」 sends a new code and says so")
    func smsResend() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            try await app.browser.get("/two-step/sms")
            try await app.browser.post("/two-step/sms", [("phone", "090-1234-5678")])
            try await app.browser.post("/two-step/sms/code", [("code", try await app.lastSMSCode())])
            try await app.browser.get("/two-step")
            try await app.browser.post("/two-step/recovery-code", [("saved", "on")])
            try await app.signOut()

            #expect(try await app.signIn().location == "/two-step")
            #expect(try await app.browser.get("/two-step").location == "/two-step/sms/code")
            #expect(try await app.browser.get("/two-step/app").location == "/two-step", "not an app user")
            let notSent = try await app.browser.get("/two-step/sms/code")
            #expect(notSent.body.contains("コードを送信") && !notSent.body.contains(#"name="code""#))
            let send = try await app.browser.post("/two-step/sms/send", [])
            #expect(send.location == "/two-step/sms/code?notice=sent")
            let page = try await app.browser.get("/two-step/sms/code?notice=sent")
            #expect(page.text(ofID: "two-step-notice")?.contains("送信しました") == true && page.body.contains("lost-device"))
            let landed = try await app.browser.post("/two-step/sms/code", [("code", try await app.lastSMSCode())])
            #expect(landed.location == "/home")
        }
    }

    @Test("a partial session reaches only the two-step pages and sign-out")
    func partialSession() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signIn()
            for path in ["/home", "/two-step/done", "/login", "/apply", "/nowhere", "/two-step/recovery"] {
                #expect(try await app.browser.get(path).location == "/two-step", "\(path)")
            }
            // A provider's callback is answered (signing in with a provider starts over).
            #expect(try await app.browser.get("/auth/google/callback?state=x&code=y").status == .badRequest)
            let twoStep = try await app.browser.get("/two-step")
            #expect(twoStep.status == .ok && twoStep.body.contains(#"action="/logout""#), "sign-out is on the page")
            for path in ["/browsers/forget-all", "/apply"] {
                #expect(try await app.browser.post(path, []).location == "/two-step", "\(path)")
            }
            #expect(try await app.browser.get("/static/sekisho.css").status == .ok)
            #expect(try await app.browser.get("/lang/en?next=/two-step").location == "/two-step")
            #expect(try await app.browser.post("/two-step/recovery-code", [("saved", "on")]).location == "/two-step",
                    "skipping to the recovery code step goes back")
            #expect(try await app.browser.post("/logout", []).location == "/login?notice=signed_out")
            #expect(try await app.browser.get("/two-step").location == "/login")
        }
    }

    @Test("bad input on every two-step form comes back with the reason, never a 500", arguments: [
        ("/two-step/app", [("code", "12345")], "code-error"),
        ("/two-step/app", [("code", "１２３ー４５６")], "code-error"),
        ("/two-step/app", [(String, String)](), "code-error"),
        ("/two-step/sms", [("phone", "+1 415 555 0100")], "phone-error"),
        ("/two-step/sms", [("phone", String(repeating: "9", count: 500))], "phone-error"),
        ("/two-step/recovery", [("recovery_code", "ABCD-EFGH-!")], "recovery_code-error"),
    ])
    func badInput(path: String, fields: [(String, String)], errorID: String) async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            if path != "/two-step/sms" {
                // The code and recovery forms are for people already enrolled; the number form is for enrolment.
                try await app.signInFully()
                try await app.signOut()
            }
            try await app.signIn()
            try await app.browser.get("/two-step")
            let page = try await app.browser.post(path, fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.text(ofID: errorID)?.isEmpty == false)
        }
    }

    @Test("a wrong code says so; the sixth wrong code in 15 minutes gets 429 and a time to come back")
    func throttled() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signInFully()
            try await app.signOut()
            try await app.signIn()
            try await app.browser.get("/two-step")
            let wrong = try await app.browser.post("/two-step/app", [("code", "000000")])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "two-step-failure")?.contains("正しくありません") == true)
            for _ in 0..<4 { try await app.browser.post("/two-step/app", [("code", "000000")]) }
            let blocked = try await app.browser.post("/two-step/app", [("code", try await app.nextAuthenticatorCode(for: "taro@example.jp"))])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text(ofID: "two-step-failure")?.contains("以降にもう一度お試しください") == true)
        }
    }

    @Test("home: forget one browser, forget all; another person's browser id answers 404")
    func forgetBrowsers() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.signInFully(remember: true)
            let home = try await app.browser.get("/home")
            let range = try #require(home.body.range(of: #"/browsers/[^/]+/forget"#, options: .regularExpression))
            let forgetPath = String(home.body[range])
            #expect(try await app.browser.post("/browsers/not-an-id/forget", []).status == .notFound)

            try await app.contract(email: "hanako@example.jp")
            let other = try await app.browser.post("/logout", [])
            #expect(other.location == "/login?notice=signed_out")
            try await app.signInFully(email: "hanako@example.jp")
            try await app.browser.get("/home")
            #expect(try await app.browser.post(forgetPath, []).status == .notFound, "not hanako's browser")
            try await app.signOut()

            app.browser.forgetCookies()
            try await app.signInFully(remember: true)
            try await app.browser.get("/home")
            let forgotten = try await app.browser.post(forgetPath, [])
            #expect(forgotten.location == "/home?notice=browser_forgotten")
            #expect(try await app.browser.get("/home?notice=browser_forgotten").text(ofID: "home-notice")?.contains("削除しました") == true)
            let all = try await app.browser.post("/browsers/forget-all", [])
            #expect(all.location == "/home?notice=browsers_forgotten")
            #expect(try await app.browser.get("/home").text(ofID: "browsers-empty") != nil)
        }
    }

    @Test("English pages for every two-step step")
    func english() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            app.browser.extraHeaders[.acceptLanguage] = "en"
            try await app.signIn()
            #expect(try await app.browser.get("/two-step").body.contains("Verify with a mobile phone"))
            #expect(try await app.browser.get("/two-step/app").body.contains("Open Google Authenticator"))
            #expect(try await app.browser.get("/two-step/sms").body.contains("Mobile number"))
        }
    }
}
