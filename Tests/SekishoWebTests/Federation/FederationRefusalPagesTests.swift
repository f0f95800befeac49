import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// Every way a Google round trip can go wrong ends on the sign-in page with a sentence that says
/// what to do, and a `federation.failed` audit event that names the broken rule; nothing signs in.
@Suite("Refused Google callbacks: the page and the audit event")
struct FederationRefusalPagesTests {
    static let tokenFaults: [(IDTokenFault, String)] = [
        (.signedWithUnpublishedKey, "id token signature"),
        (.audience(["another-client"]), "id token aud"),
        (.issuer("https://accounts.example.com"), "id token iss"),
        (.expired, "id token expired"),
        (.issuedInFuture, "id token iat"),
        (.nonce("a-nonce-from-another-transaction"), "id token nonce"),
        (.algorithmNone, "id token alg"),
        (.keyID("a-key-nobody-published"), "unknown kid"),
    ]

    static func lastFailure(_ app: WebTestApp) async throws -> String? {
        try await app.store.read { tx in try await tx.audit.recent(limit: 1, person: nil) }.first
            .flatMap { $0.event.kind == .federationFailed ? $0.event.detail : nil }
    }

    @Test("a broken ID token", arguments: tokenFaults)
    func brokenToken(fault: IDTokenFault, reason: String) async throws {
        try await FederationPagesTests.run { app, provider in
            _ = try await app.browser.get("/login")
            let page = try await FederationPagesTests.returnFrom(
                provider, try await app.browser.post("/login", [("provider", "google")]), in: app, fault: fault)
            #expect(page.status == .badRequest && page.body.contains("Googleからの応答を確認できませんでした"))
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(try await Self.lastFailure(app) == "provider=google,purpose=sign_in,reason=invalid:\(reason)")
            #expect(try await app.browser.get("/home").location?.hasPrefix("/login") == true, "not signed in")
        }
    }

    @Test("a replayed state, a reused code, a missing nonce, and the provider's error codes")
    func replaysAndErrors() async throws {
        try await FederationPagesTests.run { app, provider in
            _ = try await app.browser.get("/login")
            let started = try #require(try await app.browser.post("/login", [("provider", "google")]).location)
            let (code, state) = try provider.approve(started, subject: "nobody")
            _ = try await app.browser.get("/auth/google/callback?code=\(code)&state=\(state)")
            let replayed = try await app.browser.get("/auth/google/callback?code=\(code)&state=\(state)")
            #expect(replayed.status == .badRequest && replayed.body.contains("手続きの有効期限"))
            #expect(try await Self.lastFailure(app) == "provider=google,purpose=unknown,reason=unknown_state")

            let again = try #require(try await app.browser.post("/login", [("provider", "google")]).location)
            let newState = try #require(FormFields(queryOf: again)?["state"])
            let reused = try await app.browser.get("/auth/google/callback?code=\(code)&state=\(newState)")
            #expect(reused.status == .badRequest && reused.body.contains("Googleからの応答を確認できませんでした"))
            #expect(try await Self.lastFailure(app) == "provider=google,purpose=sign_in,reason=invalid:token endpoint 400")

            let third = try #require(try await app.browser.post("/login", [("provider", "google")]).location)
            let thirdState = try #require(FormFields(queryOf: third)?["state"])
            let challenge = try #require(FormFields(queryOf: third)?["code_challenge"])
            let noNonce = provider.issueCode(subject: "nobody", nonce: nil, codeChallenge: challenge)
            let missing = try await app.browser.get("/auth/google/callback?code=\(noNonce)&state=\(thirdState)")
            #expect(missing.status == .badRequest)
            #expect(try await Self.lastFailure(app) == "provider=google,purpose=sign_in,reason=invalid:id token nonce")

            for (error, sentence, status) in [("access_denied", "キャンセルされました", HTTPResponse.Status.ok),
                                              ("temporarily_unavailable", "Googleでの認証に失敗しました", .badRequest)] {
                let location = try #require(try await app.browser.post("/login", [("provider", "google")]).location)
                let errorState = try #require(FormFields(queryOf: location)?["state"])
                let page = try await app.browser.get("/auth/google/callback?error=\(error)&state=\(errorState)")
                #expect(page.status == status && page.body.contains(sentence))
            }
        }
    }

    @Test("a provider slower than the timeout: the sign-in page says it could not be reached (502)")
    func slowProvider() async throws {
        try await FederationPagesTests.run(timeout: 6) { app, provider in
            _ = try await app.browser.get("/login")
            let started = try await app.browser.post("/login", [("provider", "google")])
            let (code, state) = try provider.approve(try #require(started.location), subject: "nobody")
            provider.setResponseDelay(.seconds(60))
            let page = try await app.browser.get("/auth/google/callback?code=\(code)&state=\(state)")
            #expect(page.status == .badGateway && page.body.contains("Googleに接続できませんでした"))
            #expect(try await Self.lastFailure(app) == "provider=google,purpose=sign_in,reason=unreachable")
        }
    }
}
