import Foundation
import HTTPTypes
import NIOCore
import SekishoTestSupport
import SekishoWeb
import Testing

@Suite("Malformed requests get a clear page, never a 500")
struct BadRequestTests {
    @Test("malformed bodies are 400", arguments: ["email=%ff", "email=%zz", "email=a&email=b", "&&", "=x", "_csrf=a&_csrf=b"])
    func malformedBodies(body: String) async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/login")
            let page = try await app.browser.postRaw("/login", body: "_csrf=\(app.browser.csrf!)&" + body)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("リクエストの形式が正しくありません。"))
        }
    }

    @Test("unknown pages are 404, known pages with another method 405 with Allow")
    func routing() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/no/such/page").status == .notFound)
            #expect(try await app.browser.postRaw("/no/such/page", body: "a=b").status == .notFound)
            let put = try await app.browser.send("/login", method: .put, headers: [:], body: nil)
            #expect(put.status == .methodNotAllowed && put.headers[.allow] == "GET, POST")
            let getLogout = try await app.browser.get("/logout")
            #expect(getLogout.status == .methodNotAllowed && getLogout.headers[.allow] == "POST")
        }
    }

    @Test("other content types are 415, oversized forms 413")
    func bodies() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/login")
            #expect(try await app.browser.postRaw("/login", body: "{}", contentType: "application/json").status == .unsupportedMediaType)
            #expect(try await app.browser.postRaw("/login", body: "a=b", contentType: "text/plain").status == .unsupportedMediaType)
            let big = "_csrf=\(app.browser.csrf!)&email=" + String(repeating: "a", count: 300_000)
            #expect(try await app.browser.postRaw("/login", body: big).status == .contentTooLarge)
            let charset = try await app.browser.postRaw(
                "/login", body: "_csrf=\(app.browser.csrf!)&email=&password=", contentType: "application/x-www-form-urlencoded; charset=UTF-8")
            #expect(charset.status == .unprocessableContent)
        }
    }

    @Test("CSRF: no token, a wrong token, another site or a foreign origin is 403")
    func csrf() async throws {
        try await WebTestApp.run { app async throws in
            try await app.contract()
            try await app.browser.get("/login")
            let fields = [("email", "taro@example.jp"), ("password", "correct horse battery")]
            #expect(try await app.browser.post("/login", fields, csrf: false).status == .forbidden)
            #expect(try await app.browser.post("/login", [("_csrf", "forged")] + fields, csrf: false).status == .forbidden)
            #expect(try await app.browser.post("/login", fields, headers: [.secFetchSite: "cross-site"]).status == .forbidden)
            #expect(try await app.browser.post("/login", fields, headers: [.origin: "https://evil.example"]).status == .forbidden)
            let page = try await app.browser.post("/login", fields, headers: [.origin: "null", .secFetchSite: "same-origin"])
            #expect(page.status == .seeOther, "Origin: null (no-referrer pages) is left to the token")
        }
    }

    @Test("a token from another session does not work")
    func csrfBoundToSession() async throws {
        try await WebTestApp.run { app async throws in
            try await app.browser.get("/login")
            let foreign = try #require(app.browser.csrf)
            app.browser.forgetCookies()
            try await app.browser.get("/apply")
            let page = try await app.browser.post("/login", [("_csrf", foreign), ("email", "a@example.jp"), ("password", "x")], csrf: false)
            #expect(page.status == .forbidden)
        }
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
