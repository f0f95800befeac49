import Foundation
import HTTPTypes
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Contract menu: its own sign-in, the menu, password change")
struct ContractMenuPagesTests {
    @Test("「契約情報変更ログイン」 leads through two-step to the menu; its session reaches only the menu, and the portal's not the menu")
    func ownSignIn() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            let login = try await app.browser.get("/login")
            #expect(login.body.contains("href=\"/contract/login\""))
            let menuFirst = try await app.browser.get("/contract")
            #expect(menuFirst.location == "/contract/login")
            let page = try await app.browser.get("/contract/login")
            #expect(page.status == .ok && page.body.contains("契約情報変更ログイン") && page.body.contains("action=\"/contract/login\""))

            let landed = try await app.signInFully(at: "/contract/login")
            #expect(landed.body.contains("href=\"/contract\" id=\"done-continue\""), "\(landed.status) \(landed.location ?? "-")")
            let menu = try await app.browser.get("/contract")
            #expect(menu.status == .ok && menu.body.contains("契約情報変更メニュー"))
            #expect(menu.body.contains("あなたに許可されたメニューのみ表示しております。"))
            for item in ["login_method", "password", "details", "plan", "cancel", "top"] {
                #expect(menu.body.contains("id=\"menu-\(item)\""), "the contractor sees \(item)")
            }
            let home = try await app.browser.get("/home")
            #expect(home.location?.hasPrefix("/login") == true, "the contract menu's session is not a portal session")

            try await app.browser.post("/contract/leave", [])
            try await app.signInFully()
            let portalToMenu = try await app.browser.get("/contract")
            #expect(portalToMenu.location == "/contract/login", "the portal's session is not the contract menu's")
        }
    }

    @Test("a user sees パスワード変更 and トップ画面へ only")
    func userMenu() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword, at: "/contract/login")
            let menu = try await app.browser.get("/contract")
            #expect(menu.body.contains("id=\"menu-password\"") && menu.body.contains("id=\"menu-top\""))
            for item in ["login_method", "details", "plan", "cancel"] { #expect(!menu.body.contains("id=\"menu-\(item)\"")) }
        }
    }

    @Test("パスワード変更: a wrong current password is said; the change ends other sessions, mails a notice, keeps this one")
    func changePassword() async throws {
        try await WebTestApp.run { app in
            try await app.contract()
            let other = TestBrowser(app.browser.client)
            try await app.signInFully()
            try await other.get("/login")
            let otherSignIn = try await other.post("/login", [("email", "taro@example.jp"), ("password", "correct horse battery")])
            #expect(otherSignIn.location == "/two-step")
            try await app.browser.post("/logout", [])
            try await app.signInFully(at: "/contract/login")

            let form = try await app.browser.get("/contract/password")
            #expect(form.status == .ok && form.body.contains("現在のパスワード"))
            let wrong = try await app.browser.post(
                "/contract/password",
                [("current_password", "not it"), ("password", "a brand new passphrase"), ("password_confirmation", "a brand new passphrase")])
            #expect(wrong.status == .unprocessableContent && wrong.text(ofID: "current_password-error") == "現在のパスワードが正しくありません。")
            let mismatch = try await app.browser.post(
                "/contract/password",
                [("current_password", "correct horse battery"), ("password", "a brand new passphrase"), ("password_confirmation", "x")])
            #expect(mismatch.status == .unprocessableContent && mismatch.text(ofID: "password_confirmation-error") != nil)
            let done = try await app.browser.post(
                "/contract/password",
                [("current_password", "correct horse battery"), ("password", "a brand new passphrase"),
                 ("password_confirmation", "a brand new passphrase")])
            #expect(done.location == "/contract/password/done")
            let completion = try await app.browser.get("/contract/password/done")
            #expect(completion.body.contains("契約者情報メニューへ"))
            #expect(try await app.browser.get("/contract").status == .ok, "this session stays")
            #expect(try await other.get("/two-step").location?.hasPrefix("/login") == true, "the other session ended")
            let mails = try await app.store.outboxQueue.recent(limit: 20)
            #expect(mails.contains { $0.recipient == "taro@example.jp" && $0.subject.contains("パスワード変更のお知らせ") })
            try await app.browser.post("/contract/leave", [])
            #expect(try await app.signIn(password: "correct horse battery").status == .unprocessableContent)
            #expect(try await app.signIn(password: "a brand new passphrase").location == "/two-step")
        }
    }
}

@Suite("Contract menu: 契約情報変更")
struct ContractDetailsPagesTests {
    @Test("the contractor saves the details, bad fields come back with reasons; a user gets 403")
    func details() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.contract()
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(at: "/contract/login")
            let form = try await app.browser.get("/contract/details")
            #expect(form.status == .ok && form.body.contains("id=\"details-submit\""))
            let bad = try await app.browser.post(
                "/contract/details", [("name", "株式会社テスト"), ("postal_code", "12-345"), ("phone", "12345")])
            #expect(bad.status == .unprocessableContent && bad.text(ofID: "postal_code-error") != nil && bad.text(ofID: "phone-error") != nil)
            #expect(bad.body.contains("value=\"12-345\""), "what was typed comes back")
            let saved = try await app.browser.post(
                "/contract/details",
                [("name", "株式会社テスト"), ("postal_code", "１００ー０００１"), ("address", "東京都千代田区"), ("phone", "03-1234-5678"),
                 ("billing_contact", "経理部"), ("billing_email", "billing@example.jp")])
            #expect(saved.location == "/contract/details?notice=saved")
            let shown = try await app.browser.get("/contract/details?notice=saved")
            #expect(shown.text(ofID: "details-notice") != nil && shown.body.contains("value=\"100-0001\""))
            let events = try await app.store.read { tx in try await tx.audit.recent(limit: 5, person: nil) }
            #expect(events.first?.event.kind == .contractDetailsChanged && events.first?.event.detail?.contains("postal_code") == true)

            try await app.browser.post("/contract/leave", [])
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword, at: "/contract/login")
            #expect(try await app.browser.get("/contract/details").status == .forbidden)
            #expect(try await app.browser.post("/contract/details", [("name", "乗っ取り")]).status == .forbidden)
        }
    }
}

@Suite("Contract menu: プラン変更および通信経路設定")
struct PlanAndRoutePagesTests {
    @Test("a trial upgrades to basic after a confirmation page; the route changes through 確認 and 完了; a user gets 403")
    func planAndRoute() async throws {
        try await WebTestApp.run { app in
            let taro = try await app.services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp", plan: "trial")).1
            _ = try await app.member("hanako@example.jp", of: taro)
            try await app.signInFully(at: "/contract/login")
            let page = try await app.browser.get("/contract/plan")
            #expect(page.text(ofID: "plan-current") == "無料トライアル" && page.text(ofID: "plan-trial-ends") != nil)
            let confirm = try await app.browser.post("/contract/plan/upgrade", [])
            #expect(confirm.status == .ok && confirm.body.contains("id=\"confirm-submit\""))
            #expect(try await app.browser.post("/contract/plan/upgrade", [("confirmed", "1")]).location == "/contract/plan?notice=upgraded")
            #expect(try await app.browser.post("/contract/plan/upgrade", [("confirmed", "1")]).location == "/contract/plan?notice=upgraded",
                    "a double submission changes nothing more")
            let upgraded = try await app.browser.get("/contract/plan?notice=upgraded")
            #expect(upgraded.text(ofID: "plan-current") == "基本プラン" && upgraded.text(ofID: "plan-trial-ends") == nil)

            let routeConfirm = try await app.browser.post("/contract/plan/route", [("route", "line-only")])
            #expect(routeConfirm.status == .ok && routeConfirm.text(ofID: "confirm-change")?.contains("回線認証") == true)
            #expect(try await app.browser.post("/contract/plan/route", [("route", "everywhere")]).status == .unprocessableContent)
            let done = try await app.browser.post("/contract/plan/route/confirm", [("route", "line-only")])
            #expect(done.location == "/contract/plan/route/done")
            #expect(try await app.browser.get("/contract/plan/route/done").body.contains("通信経路完了"))
            let contract = try await app.store.read { tx in try await tx.contracts.find(taro.contractID) }
            #expect(contract?.accessRoute == .lineOnly && contract?.plan == .basic)
            let kinds = try await app.store.read { tx in try await tx.audit.recent(limit: 10, person: nil) }.map(\.event.kind)
            #expect(kinds.filter { $0 == .planUpgraded }.count == 1 && kinds.contains(.accessRouteChanged))

            #expect(try await app.browser.post("/contract/plan/two-step", [("keep", "on")]).location == "/contract/plan?notice=saved")
            #expect(try await app.browser.get("/contract/plan?notice=saved").body.contains("id=\"keep-two-step\" checked"))
            #expect(try await app.store.read { tx in try await tx.contracts.find(taro.contractID) }?.keepsTwoStepOnPasswordReset == true)

            // Under 「回線認証」 the contractor's contract menu still works over the internet (SPEC D7).
            #expect(try await app.browser.post("/contract/plan/route/confirm", [("route", "line+internet")]).location == "/contract/plan/route/done")
            try await app.browser.post("/contract/leave", [])
            try await app.signInFully(email: "hanako@example.jp", password: WebTestApp.memberPassword, at: "/contract/login")
            #expect(try await app.browser.get("/contract/plan").status == .forbidden)
            #expect(try await app.browser.post("/contract/plan/route/confirm", [("route", "line+internet")]).status == .forbidden)
        }
    }

    @Test("after the trial the sign-in page says so (403) and points to the contract menu, where the contractor upgrades")
    func trialEnded() async throws {
        try await WebTestApp.run { app in
            let (contract, _) = try await app.services.createContract.execute(
                TestServices.applicationForm(email: "taro@example.jp", plan: "trial"))
            app.services.clock.advance(by: try #require(contract.trialEndsAt).timeIntervalSince(app.services.clock.now()))
            let refused = try await app.signIn()
            #expect(refused.status == .forbidden && refused.body.contains("無料トライアル期間が終了しました"))
            #expect(refused.body.contains("href=\"/contract/login\""))
            try await app.signInFully(at: "/contract/login")
            #expect(try await app.browser.post("/contract/plan/upgrade", [("confirmed", "1")]).location == "/contract/plan?notice=upgraded")
            try await app.browser.post("/contract/leave", [])
            #expect(try await app.signIn().location == "/two-step")
        }
    }
}
