import Foundation
import HTTPTypes
import HummingbirdTesting
import SekishoCore
import SekishoStore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

/// The line entrance's pages on a live server whose test client is the gateway (127.0.0.1 / ::1)
/// and whose `Host` (`localhost`) is the entrance.
@Suite("Line authentication pages (SPEC D2–D4)")
struct LinePagesTests {
    static let gateway = LineGateway(
        entranceURL: URL(string: "http://localhost")!, gateways: [IPAddressRange("127.0.0.1")!, IPAddressRange("::1")!])
    static let number = HTTPField.Name("X-Line-Number")!
    static let area = HTTPField.Name("X-Line-Area")!

    static func lines(_ app: WebTestApp, _ numbers: String, of person: Person) async throws {
        try await LineSettings(store: app.store, clock: app.services.clock).save(
            route: "line+internet", numbers: numbers, confirmed: false, by: try await app.account(person), client: TestServices.client)
    }

    @Test("over a registered line the sign-in lands without two-step; an unregistered line gets 回線認証エラー with the manual's checks")
    func entrance() async throws {
        try await WebTestApp.run(testing: .live, lineGateway: Self.gateway) { app in
            let taro = try await app.contract()
            try await Self.lines(app, "CAF1234567890", of: taro)
            app.browser.extraHeaders[Self.number] = "CAF0000000000"
            let refused = try await app.signIn()
            #expect(refused.status == .forbidden && refused.body.contains("回線認証エラー"))
            #expect(refused.body.contains("ご利用の回線番号を正しく登録しているか") && refused.body.contains("回線認証の設定が完了しているか"))
            #expect(refused.headers[.referrerPolicy] == "no-referrer")

            app.browser.extraHeaders[Self.number] = "CAF1234567890"
            let landed = try await app.signIn()
            #expect(landed.location == "/home")
            #expect(try await app.browser.get("/home").status == .ok)

            app.browser.extraHeaders[Self.number] = nil
            let withoutLine = try await app.browser.get("/home")
            #expect(withoutLine.status == .forbidden && withoutLine.body.contains("ご利用の回線を確認できなかった"),
                    "the same session without the gateway's line")
            #expect(try await app.browser.get("/home").location?.hasPrefix("/login") == true, "and it has ended")
        }
    }

    @Test("the West-area notice page: a choice is required; 通知する lands; 通知しない explains that the line is not used")
    func westNotice() async throws {
        try await WebTestApp.run(testing: .live, lineGateway: Self.gateway) { app in
            let taro = try await app.contract()
            try await Self.lines(app, "COP12345678, CAF1234567890", of: taro)
            app.browser.extraHeaders[Self.area] = "west"
            app.browser.extraHeaders[Self.number] = "COP12345678"
            #expect(try await app.signIn().location == "/line/notice")
            #expect(try await app.browser.get("/home").location == "/line/notice", "nothing else until it is answered")
            #expect(try await app.browser.get("/two-step").location == "/line/notice")
            let page = try await app.browser.get("/line/notice")
            #expect(page.status == .ok && page.body.contains("回線情報通知設定") && page.text(ofID: "notice-line") == "COP12345678")
            #expect(page.body.contains("通知する") && page.body.contains("通知しない") && page.body.contains(">決定<"))
            let missing = try await app.browser.post("/line/notice", [])
            #expect(missing.status == .unprocessableContent && missing.text(ofID: "choice-error") != nil)
            #expect(try await app.browser.post("/line/notice", [("choice", "notify")]).location == "/home")
            #expect(try await app.browser.get("/home").status == .ok)
            try await app.browser.post("/logout", [])

            app.browser.extraHeaders[Self.number] = "CAF1234567890"
            #expect(try await app.signIn().location == "/line/notice")
            try await app.browser.get("/line/notice")
            let declined = try await app.browser.post("/line/notice", [("choice", "decline")])
            #expect(declined.status == .forbidden && declined.body.contains("「通知しない」が選択された"))
            #expect(try await app.signIn().status == .forbidden, "the line stays unused")
            #expect(try await app.browser.get("/line/notice").location == "/login", "no session is waiting any more")
        }
    }
}
