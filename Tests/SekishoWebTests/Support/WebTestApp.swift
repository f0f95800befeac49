import Foundation
import Hummingbird
import HummingbirdTesting
import SekishoCore
import SekishoStore
import SekishoTestSupport
@testable import SekishoWeb

/// One test's running portal: the router on a fresh SQLite store, driven through a ``TestBrowser``.
struct WebTestApp {
    let browser: TestBrowser
    let services: TestServices
    let store: SQLStore
    /// The same store as the portal sees it, which a test can take away (a database outage).
    let database: SwitchableStore
    /// The routes the router serves.
    let routes: RouteTable

    static func run(
        mode: WebSettings.Mode = .development, publicURL: String = "http://127.0.0.1:8080", serviceURL: String? = nil,
        lockout: LockoutPolicy = LockoutPolicy(), trustedProxies: [IPAddressRange] = [], testing: TestingSetup = .router,
        identityProviders: [any IdentityProvider] = [], lineGateway: LineGateway? = nil, hstsPreload: Bool = false,
        _ body: @escaping @Sendable (WebTestApp) async throws -> Void
    ) async throws {
        try await withTestStore(.sqlite) { store in
            let database = SwitchableStore(store)
            let core = TestServices(store: database, lockout: lockout)
            let settings = WebSettings(mode: mode, publicURL: URL(string: publicURL)!, serviceURL: serviceURL.flatMap(URL.init(string:)),
                                       trustedProxies: trustedProxies, lineGateway: lineGateway, hstsPreload: hstsPreload)
            let strings = try Strings.load()
            let web = WebServices(
                settings: settings, strings: strings, pages: try PageRenderer.load(strings: strings), store: database,
                sessions: core.sessions, recentSignIn: core.recentSignIn, signIn: core.signIn, signOut: core.signOut, apply: core.apply,
                confirmApplication: core.confirm, twoStep: core.twoStep, rememberedBrowsers: core.rememberedBrowsers,
                unlock: core.unlock, requestReset: core.requestReset, resetPassword: core.resetPassword,
                admin: AdminServices(
                    console: core.adminConsole, people: core.managePeople, invitations: core.invitations, emailChange: core.emailChange),
                invitedRegistration: core.invitedRegistration, contractMenu: ContractMenuServices(
                    changePassword: core.changePassword, details: ChangeContractDetails(store: database, clock: core.clock),
                    planAndRoute: ChangePlanAndRoute(store: database, clock: core.clock),
                    changeLoginEmail: core.changeLoginEmail, cancel: core.cancelContract),
                federation: core.federation(identityProviders),
                line: LineServices(store: database, clock: core.clock, serviceSettings: core.settings),
                mailbox: store.outboxQueue)
            let table = RouteTable()
            let app = Application(router: try SekishoWebApp.buildRouter(services: web, table: table))
            try await app.test(testing) { client in
                try await body(WebTestApp(browser: TestBrowser(client), services: core, store: store, database: database, routes: table))
            }
        }
    }

    /// A contract created directly, whose contractor can sign in with `password`.
    @discardableResult
    func contract(email: String = "taro@example.jp", password: String = "correct horse battery") async throws -> Person {
        try await services.createContract.execute(TestServices.applicationForm(email: email, password: password)).1
    }

    /// Opens the sign-in page (`at`: the portal's or the contract menu's) and signs in.
    @discardableResult
    func signIn(
        email: String = "taro@example.jp", password: String = "correct horse battery", next: String? = nil, at entrance: String = "/login"
    ) async throws -> TestBrowser.Page {
        try await browser.get(entrance)
        var fields = [("email", email), ("password", password)]
        if let next { fields.append(("next", next)) }
        return try await browser.post(entrance, fields)
    }

    /// The ticket in the newest mail to `recipient`, once the background job has answered waiting
    /// password-reset requests.
    func ticket(to recipient: String) async throws -> String? {
        try await services.deliverResets.execute()
        return try await MailTickets.latest(to: recipient, in: store.outboxQueue)
    }

    static let applicationFields: [(String, String)] = [
        ("company_name", "株式会社テスト"), ("name", "山田 太郎"), ("email", "hanako@example.jp"), ("plan", "trial"),
        ("password", "correct horse battery"), ("password_confirmation", "correct horse battery"),
    ]
}
