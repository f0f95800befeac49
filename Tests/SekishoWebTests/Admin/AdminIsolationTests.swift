import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// Every admin-console route, across two contracts: a user gets 403; another contract's person id
/// answers exactly like an id that does not exist (404) and changes nothing (SPEC K3).
@Suite("Admin console roles and isolation")
struct AdminIsolationTests {
    /// The admin routes that take a person id in the path, with the form each POST sends.
    static let personRoutes: [(method: HTTPRequest.Method, path: String, fields: [(String, String)])] = [
        (.get, "/admin/users/:id", []),
        (.get, "/admin/users/:id/remove", []),
        (.get, "/admin/users/:id/email", []),
        (.post, "/admin/users/:id/resend", []),
        (.post, "/admin/users/:id/withdraw", []),
        (.post, "/admin/users/:id/role", [("admin", "1")]),
        (.post, "/admin/users/:id/remove", []),
        (.post, "/admin/users/:id/unlock", []),
        (.post, "/admin/users/:id/reset-two-step", []),
        (.post, "/admin/users/:id/end-sessions", []),
        (.post, "/admin/users/:id/email", [("email", "moved@example.jp")]),
        (.post, "/admin/users/:id/email/confirm", [("email", "moved@example.jp")]),
    ]
    static let plainRoutes: [(method: HTTPRequest.Method, path: String, fields: [(String, String)])] = [
        (.get, "/admin", []), (.get, "/admin/users", []), (.get, "/admin/users/new", []), (.get, "/admin/audit", []),
        (.post, "/admin/users", [("name", "誰か"), ("email", "someone@example.jp")]),
    ]

    static func send(_ app: WebTestApp, _ method: HTTPRequest.Method, _ path: String, _ fields: [(String, String)]) async throws -> TestBrowser.Page {
        if method == .get { return try await app.browser.get(path) }
        _ = try await app.browser.get("/home")
        return try await app.browser.post(path, fields)
    }

    @Test("a plain user gets 403 on every admin route, with a page that says why")
    func userForbidden() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword)
            for route in Self.plainRoutes + Self.personRoutes {
                let path = route.path.replacingOccurrences(of: ":id", with: taro.id.rawValue)
                let page = try await Self.send(app, route.method, path, route.fields)
                #expect(page.status == .forbidden, "\(route.method) \(path)")
                #expect(page.body.contains("管理コンソールは、契約者と管理者権限を持つ利用者のみご利用いただけます。"))
            }
            let home = try await app.browser.get("/home")
            #expect(!home.body.contains("id=\"admin-link\""))
        }
    }

    @Test("another contract's person id answers like an unknown id and changes nothing")
    func foreignIDs() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            let jiro = try await app.contract(email: "jiro@example.jp")
            let theirs = try await app.member("yuki@example.jp", of: jiro)
            let invitedTheirs = try await app.services.invitations.invite(
                name: "招待中", email: "pending@example.jp", admin: false, by: try await app.account(jiro), client: TestServices.client)
            try await app.signInFully()
            #expect(try await app.browser.get("/home").body.contains("id=\"admin-link\""))
            let before = try await app.store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.id
            for route in Self.personRoutes {
                var answers: [String: (HTTPResponse.Status, String)] = [:]
                for (label, id) in [("foreign", theirs.id.rawValue), ("foreign-invited", invitedTheirs.id.rawValue),
                                    ("unknown", PersonID.random().rawValue), ("malformed", "not-an-id")] {
                    let page = try await Self.send(app, route.method, route.path.replacingOccurrences(of: ":id", with: id), route.fields)
                    // The page links back to itself (language switch): the id in that link is the only difference.
                    answers[label] = (page.status, page.body.replacingOccurrences(of: id, with: ":id"))
                }
                #expect(answers.values.allSatisfy { $0.0 == .notFound }, "\(route.method) \(route.path)")
                #expect(answers["foreign"]?.1 == answers["unknown"]?.1, "the same page for a foreign and an unknown id")
            }
            let after = try await app.store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.id
            #expect(after == before, "nothing happened to anyone")
            #expect(try await app.person("yuki@example.jp").role == .user)
            #expect(try await app.person("pending@example.jp").status == .invited)
            let list = try await app.browser.get("/admin/users?q=yuki")
            #expect(list.status == .ok && !list.body.contains("yuki@example.jp"))
            let audit = try await app.browser.get("/admin/audit?person=\(theirs.id.rawValue)")
            #expect(audit.status == .ok && audit.body.contains("id=\"audit-empty\""))
        }
    }
}
