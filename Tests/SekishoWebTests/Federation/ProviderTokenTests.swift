import Foundation
import HTTPTypes
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// ASVS 10.1.1: the providers' tokens stay in the backend for as long as the identity takes to read,
/// and go nowhere else: no table keeps them, no page or header shows them.
@Suite("provider tokens are not kept (ASVS 10.1.1)")
struct ProviderTokenTests {
    @Test("after Google and Facebook sign-ins, no row and no response holds an access or ID token")
    func noTokenAtRest() async throws {
        try await FederationPagesTests.run(facebook: true) { app, provider in
            var pages: [TestBrowser.Page] = []
            _ = try await app.browser.get("/apply")
            let fields = WebTestApp.applicationFields.filter { !$0.0.hasPrefix("password") } + [("provider", "google")]
            pages.append(try await FederationPagesTests.returnFrom(provider, try await app.browser.post("/apply", fields), in: app))
            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            pages.append(try await app.browser.post("/apply/confirm", [("ticket", ticket)]))
            app.browser.forgetCookies()
            _ = try await app.browser.get("/login")
            pages.append(try await FederationPagesTests.returnFrom(provider, try await app.browser.post("/login", [("provider", "google")]), in: app))
            pages.append(try await app.browser.get("/home"))
            #expect(pages.last?.status == .ok, "signed in with Google")
            app.browser.forgetCookies()
            _ = try await app.browser.get("/login")
            pages.append(try await FederationPagesTests.returnFromFacebook(
                provider, try await app.browser.post("/login", [("provider", "facebook")]), in: app))

            let tokens = provider.issuedTokens
            #expect(tokens.count == 5, "Google's access and ID tokens of the application and the sign-in, Facebook's access token")
            let secrets = tokens + tokens.compactMap { $0.split(separator: ".").dropFirst(2).first.map(String.init) }
            let stored = try await Self.everyStoredValue(in: app.store)
            #expect(stored.count > 50, "the dump reads the tables")
            for secret in secrets {
                #expect(!stored.contains { $0.contains(secret) }, "no table holds \(secret.prefix(8))…")
                #expect(!pages.contains { page in page.body.contains(secret) || page.headers.contains { $0.value.contains(secret) } })
            }
        }
    }

    /// Every text and blob of every table, as text.
    static func everyStoredValue(in store: SQLStore) async throws -> [String] {
        try await store.backend.withReader { db in
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
            var values: [String] = []
            for table in tables {
                for row in try await db.raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        if let text = try? row.decode(column: column, as: String.self) {
                            values.append(text)
                        } else if let bytes = try? row.decode(column: column, as: [UInt8].self) {
                            values.append(String(decoding: bytes, as: UTF8.self))
                        }
                    }
                }
            }
            return values
        }
    }
}
