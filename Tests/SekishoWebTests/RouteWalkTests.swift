import Foundation
import HTTPTypes
@testable import SekishoWeb
import Testing

/// Issue 10, item 6: not a sample of pages but every route the router serves, taken from its
/// ``RouteTable``, so that a route added later is checked without anyone listing it here.
@Suite("Every route's headers and cookies")
struct RouteWalkTests {
    /// Who walks the routes: each reaches different handlers behind the same path.
    enum Visitor: CaseIterable {
        case stranger, halfWay, signedIn, contractMenu

        /// A fresh browser in this state, holding a CSRF token for the posts.
        func enter(_ app: WebTestApp) async throws {
            app.browser.forgetCookies()
            let landing: TestBrowser.Page
            switch self {
            case .stranger: landing = try await app.browser.get("/login")
            case .halfWay:
                try await app.signIn()
                landing = try await app.browser.get("/two-step")
            case .signedIn:
                try await app.signInFully()
                landing = try await app.browser.get("/home")
            case .contractMenu:
                try await app.signInFully(at: "/contract/login")
                landing = try await app.browser.get("/contract")
            }
            #expect(landing.status == .ok && app.browser.csrf != nil, "\(self) did not arrive")
        }
    }

    @Test("as a stranger, half way, signed in and in the contract menu, every route answers with the headers and the cookie attributes, and never with a 5xx")
    func walk() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp") { app async throws in
            try await app.contract()
            let routes = app.routes.all
            #expect(routes.count >= 50)
            for visitor in Visitor.allCases {
                try await visitor.enter(app)
                for route in routes {
                    let path = Self.concrete(route.path)
                    let page = route.method == .post ? try await app.browser.post(path, []) : try await app.browser.get(path)
                    Self.check(page, "\(visitor) \(route.method) \(path)", cacheable: path.hasPrefix("/static/"))
                    if visitor != .stranger, route.method == .get, page.status == .ok,
                       page.headers[.contentType]?.hasPrefix("text/html") == true {
                        // ASVS 7.4.4: every page of a session offers ログアウト.
                        #expect(page.body.contains(#"action="/logout""#), "\(visitor) GET \(path) has no ログアウト")
                    }
                    // A post may have ended or changed the session (ログアウト, a form that signs in): start again.
                    if route.method == .post { try await visitor.enter(app) }
                }
            }
        }
    }

    /// A path with its parameters filled in: a language the switch knows, and an id that matches nothing.
    static func concrete(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            switch segment {
            case ":code": "en"
            case let parameter where parameter.hasPrefix(":"): "0f6c2a3e-6a0c-4d3e-9a57-3c1f2b9d8e71"
            default: String(segment)
            }
        }.joined(separator: "/")
    }

    static func check(_ page: TestBrowser.Page, _ route: String, cacheable: Bool) {
        #expect(page.status.code < 500, "\(route): \(page.status)")
        #expect(page.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'; object-src 'none'") == true, "\(route)")
        #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(route)")
        #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(route)")
        #expect(page.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] == "same-origin", "\(route)")
        #expect(page.headers[HTTPField.Name("Cross-Origin-Resource-Policy")!] == "same-origin", "\(route)")
        #expect(page.headers[HTTPField.Name("Permissions-Policy")!] != nil, "\(route)")
        #expect(["same-origin", "no-referrer"].contains(page.headers[HTTPField.Name("Referrer-Policy")!] ?? ""), "\(route)")
        #expect(page.headers[.strictTransportSecurity] == "max-age=63072000; includeSubDomains", "\(route)")
        if !cacheable { #expect(page.headers[.cacheControl] == "no-store", "\(route)") }
        for cookie in page.setCookies {
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cookie.hasPrefix("__Host-"), "\(route): \(cookie)")
            #expect(attributes.contains("Secure") && attributes.contains("HttpOnly") && attributes.contains("Path=/"), "\(route): \(cookie)")
            #expect(attributes.contains { $0 == "SameSite=Lax" || $0 == "SameSite=Strict" }, "\(route): \(cookie)")
            #expect(!attributes.contains { $0.lowercased().hasPrefix("domain=") }, "\(route): \(cookie)")
        }
    }
}
