import Foundation
import HTTPTypes
import SekishoCore
@testable import SekishoWeb
import SekishoTestSupport
import Testing

@Suite("Lock and unlock pages")
struct LockPagesTests {
    static let lockMessage = "このアカウントは、短時間での複数回ログイン試行によりブロックされました。"
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// Ten wrong passwords from the sign-in page; the last page.
    static func lock(_ app: WebTestApp, email: String = "taro@example.jp") async throws -> TestBrowser.Page {
        var page: TestBrowser.Page?
        for _ in 1...10 { page = try await app.signIn(email: email, password: "wrong password") }
        return try #require(page)
    }

    @Test("ten wrong passwords show the lock message, the same page as for an email without an account")
    func lockMessage() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            let known = try await Self.lock(app)
            #expect(known.status == .unprocessableContent)
            #expect(known.text(ofID: "login-failure") == Self.lockMessage)
            let right = try await app.signIn(password: "correct horse battery")
            #expect(right.text(ofID: "login-failure") == Self.lockMessage, "the right password does not get in")
            let unknown = try await Self.lock(app, email: "jiro@example.jp")
            #expect(unknown.status == known.status)
            // The typed email is kept in the form; apart from it the answers are the same bytes.
            #expect(unknown.body.replacingOccurrences(of: "jiro@example.jp", with: "taro@example.jp") == known.body)
        }
    }

    @Test("the unlock link opens a page with one button; its POST unlocks and the sign-in page says so")
    func unlockLink() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            _ = try await Self.lock(app)
            let ticket = try #require(try await app.ticket(to: "taro@example.jp"))
            let page = try await app.browser.get("/lo/unblock?ticket=\(ticket)")
            #expect(page.status == .ok && page.headers[Self.referrerPolicy] == "no-referrer")
            #expect(page.text(ofID: "unlock-email") == "taro@example.jp" && page.body.contains("id=\"unlock-submit\""))
            let unlocked = try await app.browser.post("/lo/unblock", [("ticket", ticket)])
            #expect(unlocked.status == .seeOther && unlocked.location == "/login?notice=unlocked")
            let login = try await app.browser.get("/login?notice=unlocked")
            #expect(login.body.contains("アカウントロックを解除しました。"))
            let again = try await app.browser.post("/lo/unblock", [("ticket", ticket)])
            #expect(again.status == .notFound && again.body.contains("href=\"/password/forgot\""), "a used link offers the reset")
            let signedIn = try await app.signIn()
            #expect(signedIn.location == "/two-step")
        }
    }

    @Test("unusable unlock and reset links answer 404 with a page that says so, never a 500",
          arguments: ["", "?ticket=", "?ticket=short", "?ticket=\(String(repeating: "A", count: 43))",
                      "?ticket=\(String(repeating: "A", count: 5_000))", "?ticket=%00%ff", "?ticket=a&ticket=b"])
    func unusableLinks(query: String) async throws {
        try await WebTestApp.run { app in
            for path in ["/lo/unblock", "/lo/reset"] {
                let page = try await app.browser.get(path + query)
                #expect(page.status == .notFound, "GET \(path)\(query)")
                #expect(page.body.contains("このリンクはご利用いただけません") && page.headers[Self.referrerPolicy] == "no-referrer")
                _ = try await app.browser.get("/login")
                let posted = try await app.browser.post(path, [("ticket", String(query.dropFirst("?ticket=".count)))])
                #expect(posted.status == .notFound, "POST \(path)")
            }
        }
    }

    @Test("an address that failed too often gets a 429 page on sign-in and forgotten password")
    func throttledAddress() async throws {
        try await WebTestApp.run(lockout: LockoutPolicy(addressFailureLimit: 3)) { app in
            try await app.contract()
            for index in 1...3 { _ = try await app.signIn(email: "user\(index)@example.jp", password: "wrong password") }
            let page = try await app.signIn()
            #expect(page.status == .tooManyRequests)
            #expect(page.body.contains("しばらくしてからお試しください") && page.headers[HTTPField.Name("Retry-After")!]?.hasSuffix(" GMT") == true)
            _ = try await app.browser.get("/password/forgot")
            let forgot = try await app.browser.post("/password/forgot", [("email", "taro@example.jp")])
            #expect(forgot.status == .tooManyRequests)
        }
    }

    @Test("Retry-After is an IMF-fixdate")
    func retryAfterDate() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_795_000_000)) == "Wed, 18 Nov 2026 11:06:40 GMT")
    }
}
