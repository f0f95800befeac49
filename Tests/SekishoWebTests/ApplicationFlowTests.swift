import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import SekishoWeb
import Testing

@Suite("New-contract application pages")
struct ApplicationFlowTests {
    @Test("apply → mail → the link's page → its button → the sign-in page says so → sign in")
    func fullWalk() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/apply").status == .ok)
            let sent = try await app.browser.post("/apply", WebTestApp.applicationFields)
            #expect(sent.status == .ok && sent.body.contains("確認メールを送信しました"))

            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            app.browser.forgetCookies()
            let confirmation = try await app.browser.get("/apply/confirm?ticket=\(ticket)")
            #expect(confirmation.status == .ok)
            #expect(confirmation.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(confirmation.body.contains("株式会社テスト") && confirmation.body.contains("無料トライアル"))
            let done = try await app.browser.post("/apply/confirm", [("ticket", ticket)])
            #expect(done.status == .seeOther && done.location == "/login?notice=applied")
            #expect(try await app.browser.get("/login?notice=applied").body.contains("お申込みが完了しました。"))

            #expect(try await app.signIn(email: "hanako@example.jp").location == "/two-step")
            try await app.signOut()
            try await app.signInFully(email: "hanako@example.jp")
            #expect(try await app.browser.get("/home").text(ofID: "home-plan") == "無料トライアル")
        }
    }

    @Test("a used, unknown or garbage link shows a page that says so", arguments: ["", "?ticket=", "?ticket=abc", "?ticket=\(String(repeating: "A", count: 43))"])
    func invalidLinks(query: String) async throws {
        try await WebTestApp.run { app async throws in
            let page = try await app.browser.get("/apply/confirm\(query)")
            #expect(page.status == .notFound)
            #expect(page.body.contains("このリンクはご利用いただけません"))
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
        }
    }

    @Test("pressing the button twice: the second press says the link is used")
    func doubleSubmit() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/apply")
            try await app.browser.post("/apply", WebTestApp.applicationFields)
            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            try await app.browser.get("/apply/confirm?ticket=\(ticket)")
            #expect(try await app.browser.post("/apply/confirm", [("ticket", ticket)]).status == .seeOther)
            #expect(try await app.browser.post("/apply/confirm", [("ticket", ticket)]).status == .notFound)
        }
    }

    @Test("an address that already has an account gets the same page; nothing is stored")
    func registeredAddress() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract(email: "hanako@example.jp")
            try await app.browser.get("/apply")
            let taken = try await app.browser.post("/apply", WebTestApp.applicationFields)
            let fresh = try await app.browser.post("/apply", WebTestApp.applicationFields.map { $0.0 == "email" ? ($0.0, "new@example.jp") : $0 })
            #expect(taken.status == fresh.status && taken.body == fresh.body)
            #expect(try await app.ticket(to: "hanako@example.jp") == nil)
        }
    }

    @Test("every problem comes back next to its field with status 422; typed values stay, passwords do not")
    func formProblems() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/apply")
            let page = try await app.browser.post("/apply", [
                ("company_name", String(repeating: "株", count: 10_001)), ("name", ""), ("email", "taro@"),
                ("plan", "gold"), ("password", "codexstorage1"), ("password_confirmation", "x"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.text(ofID: "company_name-error") == "長すぎます。")
            #expect(page.text(ofID: "name-error") == "入力してください。")
            #expect(page.text(ofID: "email-error") == "メールアドレスの形式が正しくありません。")
            #expect(page.text(ofID: "plan-error") == "選択肢から選んでください。")
            #expect(page.text(ofID: "password-error") == "サービス名を含むパスワードは登録できません。")
            #expect(page.body.contains(#"value="taro@""#))
            #expect(!page.body.contains("codexstorage1"))
            #expect(try await app.store.outboxQueue.recent(limit: 1).isEmpty)
        }
    }

    @Test("a common password and a mismatch are named")
    func passwordRules() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/apply")
            let common = try await app.browser.post("/apply", WebTestApp.applicationFields.map {
                $0.0.hasPrefix("password") ? ($0.0, "iloveyou") : $0
            })
            #expect(common.text(ofID: "password-error") == "よく使われているパスワードのため登録できません。推測されにくいパスワードにしてください。")
            let mismatch = try await app.browser.post("/apply", WebTestApp.applicationFields.map {
                $0.0 == "password_confirmation" ? ($0.0, "correct horse battery!") : $0
            })
            #expect(mismatch.text(ofID: "password_confirmation-error") == "パスワードが一致しません。")
        }
    }
}
