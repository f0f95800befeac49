import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import SekishoWeb
import Testing

@Suite("「サインイン中のセッション」 page")
struct SessionsPagesTests {
    @Test("home links to it; it lists this and another signed-in session, and ends the other with one button")
    func endOthers() async throws {
        try await WebTestApp.run { app async throws in
            let taro = try await app.contract()
            try await app.signInFully()
            #expect(try await app.browser.get("/home").body.contains(#"href="/sessions""#))
            let elsewhere = SecretToken.generate()
            let now = app.services.clock.now()
            try await app.store.transaction { tx in
                try await tx.sessions.insert(SessionRecord(
                    digest: elsewhere.digest, personID: taro.id, stage: .signedIn, createdAt: now, lastSeenAt: now))
            }
            let page = try await app.browser.get("/sessions")
            #expect(page.status == .ok && page.body.contains("サインイン中のセッション"))
            #expect(page.body.components(separatedBy: "<tr>").count - 1 == 3, "a header and two sessions")
            #expect(page.body.contains("このセッション") && page.body.contains(#"id="end-others""#))

            let ended = try await app.browser.post("/sessions/end-others", [])
            #expect(ended.location == "/sessions?notice=sessions_ended")
            #expect(try await app.services.sessions.resume(elsewhere, client: TestServices.client) == nil)
            let after = try await app.browser.get("/sessions?notice=sessions_ended")
            #expect(after.body.contains("ほかのセッションをすべて終了しました。") && after.body.contains(#"id="sessions-only-this""#))
        }
    }

    @Test("each row names its browser; 「終了する」 on another row ends just that session")
    func endOne() async throws {
        try await WebTestApp.run { app async throws in
            let taro = try await app.contract()
            try await app.signInFully()
            let now = app.services.clock.now()
            let (kept, ended) = (SecretToken.generate(), SecretToken.generate())
            try await app.store.transaction { tx in
                for (token, browser) in [(kept, "Safari (iPhone)"), (ended, "Firefox (Linux)")] {
                    try await tx.sessions.insert(SessionRecord(
                        digest: token.digest, personID: taro.id, stage: .signedIn, createdAt: now, lastSeenAt: now, browser: browser))
                }
            }
            let page = try await app.browser.get("/sessions")
            #expect(page.body.contains("Safari (iPhone)") && page.body.contains("Firefox (Linux)"))
            #expect(page.body.components(separatedBy: "class=\"secondary end-session\"").count - 1 == 2, "a button on each other row")
            let handle = String(ended.digest.hex.prefix(16))
            let done = try await app.browser.post("/sessions/end", [("session", handle)])
            #expect(done.location == "/sessions?notice=one_session_ended")
            #expect(try await app.services.sessions.resume(ended, client: TestServices.client) == nil)
            #expect(try await app.services.sessions.resume(kept, client: TestServices.client) != nil)
            let after = try await app.browser.get(try #require(done.location))
            #expect(after.body.contains("セッションを終了しました。") && !after.body.contains("Firefox (Linux)"))
            #expect(try await app.browser.post("/sessions/end", [("session", handle)]).location == done.location, "again: the same answer")
        }
    }

    @Test("a stranger is sent to sign in, and the button needs the form's token")
    func guarded() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/sessions").location?.hasPrefix("/login") == true)
            try await app.contract()
            try await app.signInFully()
            #expect(try await app.browser.post("/sessions/end-others", [], csrf: false).status == .forbidden)
        }
    }
}
