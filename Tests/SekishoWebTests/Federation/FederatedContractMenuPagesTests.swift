import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// The contract menu of a contractor who signs in with Google: no password to enter, so the
/// provider's sign-in stands for it.
@Suite("The contract menu with Google (SPEC J1, J4, F2)")
struct FederatedContractMenuPagesTests {
    @Test("after 10 minutes the menu asks for Google again; 解約 then needs only the box")
    func reauthenticateAndCancel() async throws {
        try await FederationPagesTests.run { app, provider in
            try await FederationPagesTests.googleContract(app, provider)
            _ = try await FederationPagesTests.returnFrom(provider, try await app.browser.post("/contract/login", [("provider", "google")]), in: app)
            app.services.clock.advance(by: RecentSignIn.window + 1)

            for path in ["/contract/login_method", "/contract/cancel"] {
                let asked = try await app.browser.get(path)
                #expect(asked.location == "/contract/reauth?next=\(path)")
                let again = try await app.browser.get(try #require(asked.location))
                #expect(again.status == .ok && again.body.contains("id=\"reauth-provider\"") && !again.body.contains("id=\"password\""), "\(path)")
                #expect(again.body.contains("action=\"/contract/login\"") && !again.body.contains("name=\"again\""))
            }
            let refused = try await app.browser.post("/contract/cancel", [("confirm", "yes")])
            #expect(refused.location?.hasPrefix("/contract/reauth?next=") == true, "the POST is refused the same way")
            _ = try await app.browser.get(try #require(refused.location))

            let back = try await FederationPagesTests.returnFrom(provider, try await app.browser.post("/contract/login", [("provider", "google")]), in: app)
            #expect(back.location == "/contract")
            let page = try await app.browser.get("/contract/cancel")
            #expect(page.status == .ok && page.body.contains("id=\"cancel-submit\"") && !page.body.contains("id=\"password\""))
            let done = try await app.browser.post("/contract/cancel", [("confirm", "yes")])
            #expect(done.status == .ok && done.body.contains("解約"))
            let kinds = try await app.store.read { tx in try await tx.audit.recent(limit: 5, person: nil) }.map(\.event.kind)
            #expect(kinds.contains(.contractCancelled))
        }
    }
}
