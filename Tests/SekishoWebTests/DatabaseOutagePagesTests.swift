import Foundation
import HTTPTypes
import SekishoCore
import SekishoTestSupport
import Testing

@Suite("Pages while the database is out of reach (issue 10, crash safety)")
struct DatabaseOutagePagesTests {
    @Test("every kind of request gets the 503 page with Retry-After, never a 500, and the same session works once the database is back")
    func outageThenBack() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            #expect(try await app.browser.get("/login").status == .ok)
            app.database.setDown(true)
            let signIn = try await app.browser.post("/login", [("email", "taro@example.jp"), ("password", "correct horse battery")])
            app.database.setDown(false)
            try await app.signInFully()
            app.database.setDown(true)
            let home = try await app.browser.get("/home")
            let endOthers = try await app.browser.post("/sessions/end-others", [])
            for page in [signIn, home, endOthers] {
                #expect(page.status == .serviceUnavailable)
                #expect(page.headers[.retryAfter] == "10")
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.body.contains("ただいまサービスを一時的にご利用いただけません。"))
            }
            #expect(try await app.browser.get("/readyz").status == .serviceUnavailable)
            #expect(try await app.browser.get("/healthz").status == .ok, "the process itself is alive: no restart wanted")

            app.database.setDown(false)
            #expect(try await app.browser.get("/home").status == .ok)
            #expect(try await app.browser.get("/readyz").status == .ok)
        }
    }
}
