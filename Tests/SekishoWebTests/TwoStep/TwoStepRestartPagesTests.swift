import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// 「2段階認証を登録し直す」 (ASVS 6.5.6) as a browser meets it.
@Suite("Two-step pages: registering a new phone")
struct TwoStepRestartPagesTests {
    @Test("home links to it; after the step-up its button signs out elsewhere and leads to enrolment; nothing else opens until then")
    func newPhone() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            let home = try await app.browser.get("/home")
            #expect(home.body.contains("href=\"/two-step/restart\""))
            app.services.clock.advance(by: RecentSignIn.window)
            #expect(try await app.browser.get("/two-step/restart").location == "/reauth?next=/two-step/restart")
            _ = try await app.browser.get("/reauth?next=/two-step/restart")
            _ = try await app.browser.post(
                "/reauth", [("password", "correct horse battery"), ("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")),
                            ("next", "/two-step/restart")])
            let page = try await app.browser.get("/two-step/restart")
            #expect(page.status == .ok && page.body.contains("id=\"two-step-restart\"") && page.text(ofID: "two-step-restart-warning") != nil)

            let restarted = try await app.browser.post("/two-step/restart", [])
            #expect(restarted.location == "/two-step" && restarted.setCookies.contains { $0.hasPrefix("sekisho_session=") })
            #expect(try await app.browser.get("/home").location == "/two-step", "only the two-step pages until the new phone is in")
            let choose = try await app.browser.get("/two-step")
            #expect(choose.body.contains("choose-authenticator"))
            _ = try await app.browser.get("/two-step/app")
            let accepted = try await app.browser.post("/two-step/app", [("code", try await app.nextAuthenticatorCode(for: "taro@example.jp"))])
            #expect(accepted.location == "/two-step")
            let kinds = try await app.store.read { try await $0.audit.recent(limit: 20, person: nil) }.map(\.event.kind)
            #expect(kinds.contains(.twoStepReset) && kinds.contains(.twoStepEnrolled))
        }
    }
}
