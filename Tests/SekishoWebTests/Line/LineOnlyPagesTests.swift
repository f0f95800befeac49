import Foundation
import HTTPTypes
import HummingbirdTesting
import SekishoCore
import SekishoStore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

/// 「回線認証」 seen from the internet: the line entrance is another host, so nothing here is a line.
@Suite("Line authentication: the admin console and the 「回線認証」 route (SPEC D5–D7)")
struct LineOnlyPagesTests {
    static let elsewhere = LineGateway(entranceURL: URL(string: "https://line.example.jp")!, gateways: [IPAddressRange("127.0.0.1")!])

    @Test("回線認証 in the admin console: refused numbers come back with reasons and nothing is saved; saved numbers are listed and removable")
    func adminPage() async throws {
        try await WebTestApp.run(lineGateway: Self.elsewhere) { app in
            try await app.contract()
            try await app.signInFully()
            let page = try await app.browser.get("/admin/line")
            #expect(page.status == .ok && page.body.contains("回線認証+インターネット") && page.body.contains("id=\"nav-line\""))
            #expect(page.text(ofID: "lines-empty") != nil && page.body.contains("id=\"route-line-internet\" checked"))

            let refused = try await app.browser.post("/admin/line", [("route", "line+internet"), ("numbers", "caf1234567890\nABC123\nCOP1234")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("CAFまたはCOPで始まる番号") && refused.body.contains("桁数が違います") && refused.body.contains("ABC123"))
            #expect(refused.body.contains("caf1234567890\nABC123\nCOP1234"), "what was typed comes back")
            #expect(try await app.browser.get("/admin/line").text(ofID: "lines-empty") != nil, "nothing was saved")

            let saved = try await app.browser.post("/admin/line", [("route", "line+internet"), ("numbers", "ｃａｆ１２３４５６７８９０、COP 1234 5678")])
            #expect(saved.location == "/admin/line?notice=saved")
            let listed = try await app.browser.get("/admin/line?notice=saved")
            #expect(listed.body.contains("<code>CAF1234567890</code>") && listed.body.contains("<code>COP12345678</code>"))
            #expect(listed.text(ofID: "line-count") == "2" && listed.text(ofID: "line-notice") == "回線認証の設定を保存しました。")
            #expect(try await app.browser.post("/admin/line/remove", [("number", "COP12345678")]).location == "/admin/line?notice=removed")
            #expect(try await app.browser.get("/admin/line").text(ofID: "line-count") == "1")
            #expect(try await app.browser.post("/admin/line", [("route", "everywhere")]).status == .unprocessableContent)
        }
    }

    @Test("「回線認証」 without lines warns first; then the admin's own internet session stops and internet sign-in is refused after the password")
    func lineOnly() async throws {
        try await WebTestApp.run(lineGateway: Self.elsewhere) { app in
            let taro = try await app.contract()
            let hanako = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully()
            let warning = try await app.browser.post("/admin/line", [("route", "line-only"), ("numbers", "")])
            #expect(warning.status == .ok && warning.text(ofID: "line-warning")?.contains("だれもログインできなくなります") == true)
            #expect(try await app.store.read { try await $0.contracts.find(taro.contractID) }?.accessRoute == .lineAndInternet)
            #expect(try await app.browser.post("/admin/line", [("route", "line-only"), ("numbers", ""), ("confirmed", "1")]).location
                    == "/admin/line?notice=saved")

            let stopped = try await app.browser.get("/admin/line?notice=saved")
            #expect(stopped.status == .forbidden && stopped.body.contains("登録された回線の回線認証用ログイン画面からのみ"))
            #expect(try await app.browser.get("/home").location?.hasPrefix("/login") == true)
            let wrong = try await app.signIn(email: "hanako@example.jp", password: "wrong password")
            #expect(wrong.status == .unprocessableContent && !wrong.body.contains("回線認証"), "a wrong password learns nothing of the route")
            let right = try await app.signIn(email: "hanako@example.jp", password: WebTestApp.memberPassword)
            #expect(right.status == .forbidden && right.body.contains("回線認証エラー"))
            let event = try #require(try await app.store.read { try await $0.audit.recent(limit: 1, person: hanako.id) }.first?.event)
            #expect(event.kind == .lineRefused && event.detail == "reason=line_only,pathway=sign_in")

            try await app.services.requestReset.execute(email: "hanako@example.jp", client: TestServices.client)
            try await app.services.deliverResets.execute()
            let reset = try #require(try await app.ticket(to: "hanako@example.jp"))
            #expect(try await app.browser.get("/lo/reset?ticket=\(reset)").status == .forbidden, "mail links too")
        }
    }

    @Test("the contractor still reaches the contract menu over the internet, sees only the route setting, and switches back")
    func escapeHatch() async throws {
        try await WebTestApp.run(lineGateway: Self.elsewhere) { app in
            let taro = try await app.contract()
            try await LineSettings(store: app.store, clock: app.services.clock).save(
                route: "line-only", numbers: "CAF0000000000", confirmed: false, by: try await app.account(taro), client: TestServices.client)
            #expect(try await app.signIn().status == .forbidden, "the portal is closed over the internet")
            try await app.signInFully(at: "/contract/login")
            let menu = try await app.browser.get("/contract")
            #expect(menu.status == .ok && menu.body.contains("プラン変更および通信経路設定") && !menu.body.contains("パスワード変更"))
            #expect(try await app.browser.get("/contract/password").status == .forbidden)
            #expect(try await app.browser.get("/contract/details").status == .forbidden)
            let confirm = try await app.browser.post("/contract/plan/route", [("route", "line+internet")])
            #expect(confirm.status == .ok && confirm.text(ofID: "confirm-warning") == nil)
            #expect(try await app.browser.post("/contract/plan/route/confirm", [("route", "line+internet")]).location == "/contract/plan/route/done")
            #expect(try await app.browser.get("/contract").body.contains("パスワード変更"), "the whole menu is back")
            try await app.browser.post("/contract/leave", [])
            #expect(try await app.signIn().location == "/two-step", "the internet works again")
        }
    }

    @Test("the contract menu's route confirmation warns when no line is registered")
    func contractMenuWarning() async throws {
        try await WebTestApp.run(lineGateway: Self.elsewhere) { app in
            try await app.contract()
            try await app.signInFully(at: "/contract/login")
            let confirm = try await app.browser.post("/contract/plan/route", [("route", "line-only")])
            #expect(confirm.text(ofID: "confirm-warning")?.contains("回線番号が1件も登録されていません") == true)
        }
    }
}
