import Foundation
import HTTPTypes
import SekishoTestSupport
import SekishoWeb
import Testing

@Suite("Security headers and cookies")
struct HeadersAndCookiesTests {
    static let csp = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; report-uri /csp-report; report-to csp"

    @Test("every kind of response carries the headers", arguments: ["/login", "/apply", "/no/such/page", "/apply/confirm?ticket=x", "/healthz"])
    func headers(path: String) async throws {
        try await WebTestApp.run { app async throws in
            let page = try await app.browser.get(path)
            #expect(page.headers[.contentSecurityPolicy] == Self.csp)
            #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] != nil)
            #expect(page.headers[.strictTransportSecurity] == nil, "no HSTS over http")
        }
    }

    @Test("the stylesheet may be cached; pages may not")
    func caching() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/static/sekisho.css").headers[.cacheControl] == "public, max-age=3600")
        }
    }

    @Test("over http: the session cookie is HttpOnly and SameSite=Lax, without an expiry")
    func httpCookie() async throws {
        try await WebTestApp.run { app async throws in
            let cookie = try #require(try await app.browser.get("/login").setCookies.first)
            #expect(cookie.hasPrefix("sekisho_session="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Expires") && !cookie.contains("Max-Age") && !cookie.contains("Domain"))
        }
    }

    @Test("over https: __Host- cookies with Secure, and HSTS")
    func httpsCookie() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp") { app async throws in
            let page = try await app.browser.get("/login")
            let cookie = try #require(page.setCookies.first)
            #expect(cookie.hasPrefix("__Host-sekisho_session=") && cookie.contains("Secure") && cookie.contains("Path=/"))
            #expect(page.headers[.strictTransportSecurity] == "max-age=63072000; includeSubDomains")
            let language = try await app.browser.get("/lang/en?next=/login")
            #expect(language.setCookies.first?.hasPrefix("__Host-sekisho_lang=en") == true)
        }
    }

    @Test("http.hsts-preload asks browsers to preload HSTS (ASVS 3.7.4)")
    func hstsPreload() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp", hstsPreload: true) { app async throws in
            #expect(try await app.browser.get("/login").headers[.strictTransportSecurity] == "max-age=63072000; includeSubDomains; preload")
        }
    }

    @Test("over https: 「このブラウザを記憶する」 sets a __Host- cookie, Secure and HttpOnly, for the 30 days")
    func rememberedBrowserCookie() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp") { app async throws in
            try await app.contract()
            #expect(try await app.signIn().location == "/two-step")
            if try await app.browser.get("/two-step").body.contains("choose-authenticator") { try await app.browser.get("/two-step/app") }
            let accepted = try await app.browser.post(
                "/two-step/app", [("code", try await app.nextAuthenticatorCode(for: "taro@example.jp")), ("remember", "on")])
            #expect(accepted.location == "/two-step", "the first time, the recovery code is shown before the session starts")
            try await app.browser.get("/two-step")
            let signedIn = try await app.browser.post("/two-step/recovery-code", [("saved", "on")])
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix("__Host-sekisho_browser=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(cookie.contains("Max-Age=2592000") && !cookie.contains("Domain"))
        }
    }

    @Test("a cookie whose session is gone is cleared; the stylesheet and health checks leave it alone")
    func staleCookie() async throws {
        try await WebTestApp.run { app async throws in
            let stale: HTTPFields = [.cookie: "sekisho_session=\(String(repeating: "x", count: 43))"]
            let page = try await app.browser.get("/lang/en?next=/login", headers: stale)
            #expect(page.setCookies.contains { $0.hasPrefix("sekisho_session=") && $0.contains("Max-Age=0") })
            for path in ["/healthz", "/readyz", "/static/sekisho.css"] {
                #expect(try await app.browser.get(path, headers: stale).setCookies.isEmpty, "\(path) never looks the session up")
            }
        }
    }
}
