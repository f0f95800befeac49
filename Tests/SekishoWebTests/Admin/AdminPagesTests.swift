import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

@Suite("Admin console pages")
struct AdminPagesTests {
    @Test("invite from the form; the link registers with 登録 then 確認; a second invite of the address is refused")
    func inviteAndRegister() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            try await app.signInFully()
            let form = try await app.browser.get("/admin/users/new")
            #expect(form.status == .ok && form.body.contains("id=\"invite-submit\""))
            let bad = try await app.browser.post("/admin/users", [("name", ""), ("email", "hanako@")])
            #expect(bad.status == .unprocessableContent && bad.text(ofID: "name-error") != nil && bad.text(ofID: "email-error") != nil)
            let invited = try await app.browser.post("/admin/users", [("name", "佐藤 花子"), ("email", "hanako@example.jp"), ("admin", "1")])
            let detailPath = try #require(invited.location?.components(separatedBy: "?").first)
            let detail = try await app.browser.get(try #require(invited.location))
            #expect(detail.text(ofID: "user-status") == "招待中" && detail.text(ofID: "user-role") == "管理者")
            #expect(detail.text(ofID: "admin-notice") != nil && detail.body.contains("id=\"resend\""))
            let again = try await app.browser.post("/admin/users", [("name", "佐藤 花子"), ("email", "HANAKO@example.jp")])
            #expect(again.status == .unprocessableContent && again.text(ofID: "email-error") == "このメールアドレスはすでにこの契約に登録されています。")

            let ticket = try #require(try await app.ticket(to: "hanako@example.jp"))
            let visitor = TestBrowser(app.browser.client)
            let page = try await visitor.get("/register?ticket=\(ticket)")
            #expect(page.status == .ok && page.text(ofID: "register-email") == "hanako@example.jp")
            #expect(page.body.contains("Googleアカウントで登録") && page.headers[LockPagesTests.referrerPolicy] == "no-referrer")
            let mismatch = try await visitor.post(
                "/register", [("ticket", ticket), ("password", WebTestApp.memberPassword), ("password_confirmation", "x")])
            #expect(mismatch.status == .unprocessableContent && mismatch.text(ofID: "password_confirmation-error") != nil)
            let confirm = try await visitor.post(
                "/register", [("ticket", ticket), ("password", WebTestApp.memberPassword), ("password_confirmation", WebTestApp.memberPassword)])
            #expect(confirm.status == .ok && confirm.body.contains("id=\"register-confirm\""))
            let done = try await visitor.post("/register/confirm", [("ticket", ticket)])
            #expect(done.location == "/login?notice=registered")
            let stale = try await visitor.post("/register/confirm", [("ticket", ticket)])
            #expect(stale.status == .notFound && stale.body.contains("登録のご案内の再送を依頼してください"))
            let after = try await app.browser.get(detailPath)
            #expect(after.text(ofID: "user-status") == "利用中")
        }
    }

    /// ASVS 6.3.8: the admin cannot tell an address with an account elsewhere from a free one.
    @Test("inviting another contract's address answers, shows and lists like a free address")
    func inviteTakenAddressLikeAFreeOne() async throws {
        try await WebTestApp.run { app in
            try await app.contract(email: "jiro@example.jp")
            try await app.contract()
            try await app.signInFully()
            var pages: [String] = []
            for email in ["free@example.jp", "jiro@example.jp"] {
                let answer = try await app.browser.post("/admin/users", [("name", "招待 太郎"), ("email", email)])
                let location = try #require(answer.location)
                let id = try #require(location.split(separator: "/").last?.split(separator: "?").first.map(String.init))
                let detail = try await app.browser.get(location).body
                let list = try await app.browser.get("/admin/users?q=\(email)").body
                #expect(answer.status == .seeOther && detail.contains(email) && list.contains(email))
                let page = [location, detail, list].joined(separator: "\n").replacingOccurrences(of: id, with: "ID")
                pages.append(page.replacingOccurrences(of: email, with: "EMAIL"))
            }
            #expect(pages[0] == pages[1])
        }
    }

    @Test("「全員のログインを終了」: the list links to a confirmation, whose button ends everyone's session but this one")
    func endAllSessions() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            let hanako = TestBrowser(app.browser.client)
            _ = try await hanako.get("/login")
            let halfWay = try await hanako.post("/login", [("email", "hanako@example.jp"), ("password", WebTestApp.memberPassword)])
            #expect(halfWay.location == "/two-step")
            try await app.signInFully()
            #expect(try await app.browser.get("/admin/users").body.contains(#"href="/admin/sessions/end-all""#))
            let confirm = try await app.browser.get("/admin/sessions/end-all")
            #expect(confirm.status == .ok && confirm.body.contains("あなたのこのログインだけは続きます") && confirm.body.contains(#"id="end-all-submit""#))
            let done = try await app.browser.post("/admin/sessions/end-all", [])
            #expect(done.location == "/admin/users?notice=all_sessions_ended")
            let list = try await app.browser.get(try #require(done.location))
            #expect(list.status == .ok && list.text(ofID: "admin-notice") == "この契約のすべてのログインを終了しました(このログインを除く)。")
            #expect(try await hanako.get("/two-step").location?.hasPrefix("/login") == true, "hanako's session is gone")
        }
    }

    @Test("the list searches and pages; the detail's buttons act; the contractor's and one's own role are fixed")
    func listDetailAndActions() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            let hanako = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully()
            let list = try await app.browser.get("/admin/users?q=HANAKO")
            #expect(list.status == .ok && list.body.contains("hanako@example.jp") && !list.body.contains("taro@example.jp"))
            let detailPath = "/admin/users/\(hanako.id.rawValue)"
            _ = try await app.browser.get(detailPath)
            let granted = try await app.browser.post("\(detailPath)/role", [("admin", "1")])
            #expect(granted.location == "\(detailPath)?notice=role_changed")
            #expect(try await app.person("hanako@example.jp").role == .admin)
            for action in ["unlock", "reset-two-step", "end-sessions", "send-reset"] {
                _ = try await app.browser.get(detailPath)
                #expect(try await app.browser.post("\(detailPath)/\(action)", []).status == .seeOther, "\(action)")
            }
            let own = try await app.browser.get("/admin/users/\(taro.id.rawValue)")
            #expect(!own.body.contains("id=\"grant-admin\"") && !own.body.contains("id=\"remove\""))
            let refused = try await app.browser.post("/admin/users/\(taro.id.rawValue)/role", [("admin", "0")])
            #expect(refused.status == .conflict && refused.body.contains("契約者の権限の変更や削除はできません。"))
            let removePage = try await app.browser.get("\(detailPath)/remove")
            #expect(removePage.status == .ok)
            let removed = try await app.browser.post("\(detailPath)/remove", [])
            #expect(removed.location == "/admin/users?notice=removed")
            #expect(try await app.browser.get(detailPath).status == .notFound)
            let audit = try await app.browser.get("/admin/audit?kind=person.removed")
            #expect(audit.status == .ok && audit.body.contains("person.removed") && audit.body.contains("ユーザの削除"))
        }
    }

    /// A browser's search form sends a space as `+` and a typed `+` as `%2B`.
    @Test("the search reads its query as a browser's form sends it: + is a space, %2B a plus, and the next page keeps both")
    func searchQueryIsFormEncoded() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako+work@example.jp", name: "佐藤 花子", of: taro)
            _ = try await app.member("misaki@example.jp", name: "佐藤花子", of: taro)
            try await app.signInFully()
            let fullName = try await app.browser.get("/admin/users?q=%E4%BD%90%E8%97%A4+%E8%8A%B1%E5%AD%90")
            #expect(fullName.status == .ok && fullName.body.contains("hanako+work@example.jp") && !fullName.body.contains("misaki@"))
            let plus = try await app.browser.get("/admin/users?q=hanako%2Bwork")
            #expect(plus.status == .ok && plus.body.contains("hanako+work@example.jp"))
            #expect(try await app.browser.get("/admin/users?q=%zz").status == .badRequest)
        }
        #expect(QueryLink.make("/admin/users", [("q", "佐藤 花子+a&b=c"), ("after", "x"), ("kind", "")])
            == "/admin/users?q=%E4%BD%90%E8%97%A4%20%E8%8A%B1%E5%AD%90%2Ba%26b%3Dc&after=x")
        #expect(try FormBody(parsing: Array("q=%E4%BD%90%E8%97%A4%20%E8%8A%B1%E5%AD%90%2Ba%26b%3Dc".utf8))["q"] == "佐藤 花子+a&b=c")
    }

    @Test("email change: 送信, the confirmation, OK, then the link's 登録 moves the person to the new address")
    func emailChange() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            let hanako = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully()
            let path = "/admin/users/\(hanako.id.rawValue)/email"
            #expect(try await app.browser.get(path).text(ofID: "current-email") == "hanako@example.jp")
            #expect(!(try await app.browser.get("/admin/users/\(taro.id.rawValue)")).body.contains("id=\"change-email\""))
            let contractor = try await app.browser.post("/admin/users/\(taro.id.rawValue)/email", [("email", "taken@example.jp")])
            #expect(contractor.body.contains("契約者のメールアドレスは、契約者ご本人が"), "the contractor changes it in the contract menu")
            let taken = try await app.browser.post(path, [("email", "taro@example.jp")])
            #expect(taken.status == .unprocessableContent && taken.text(ofID: "email-error") != nil)
            let confirm = try await app.browser.post(path, [("email", "hanako@new.example.jp")])
            #expect(confirm.status == .ok && confirm.text(ofID: "new-email") == "hanako@new.example.jp")
            #expect(try await app.ticket(to: "hanako@new.example.jp") == nil, "nothing is sent before OK")
            let sent = try await app.browser.post("\(path)/confirm", [("email", "hanako@new.example.jp")])
            #expect(sent.location == "/admin/users/\(hanako.id.rawValue)?notice=email_change_sent")
            let ticket = try #require(try await app.ticket(to: "hanako@new.example.jp"))
            let visitor = TestBrowser(app.browser.client)
            let page = try await visitor.get("/lo/email?ticket=\(ticket)")
            #expect(page.status == .ok && page.text(ofID: "email-change-email") == "hanako@new.example.jp")
            let done = try await visitor.post(
                "/lo/email", [("ticket", ticket), ("password", "a new address passphrase"), ("password_confirmation", "a new address passphrase")])
            #expect(done.status == .ok && done.body.contains("メールアドレスの変更が完了しました。"))
            #expect(try await app.person("hanako@new.example.jp").id == hanako.id)
        }
    }
}

@Suite("Names shown as text (ASVS 3.2.2)")
struct HostileNamesTests {
    static let hostile = #"<script>alert("x")</script> 'O"Brien' &amp;"#

    @Test("a person named with markup and quotes is shown escaped in the list, the detail page, the audit log and their own home")
    func escaped() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            let hanako = try await app.member("hanako@example.jp", name: Self.hostile, of: taro)
            try await app.signInFully()
            var pages = [try await app.browser.get("/admin/users"), try await app.browser.get("/admin/users/\(hanako.id.rawValue)"),
                         try await app.browser.get("/admin/audit")]
            try await app.signOut()
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword)
            pages.append(try await app.browser.get("/home"))
            for page in pages {
                #expect(page.status == .ok)
                #expect(!page.body.contains("<script>alert") && !page.body.contains(#"'O"Brien'"#))
            }
            #expect(pages[0].body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
            #expect(pages[1].body.contains("&amp;amp;"), "an entity in a name is shown as typed")
        }
    }
}
