import Foundation
public import Hummingbird
import NIOCore

/// Builds the router: the middleware chain of DESIGN.md's request flow, then every controller.
public enum SekishoWebApp {
    public static func buildRouter(services: WebServices) throws -> Router<AppRequestContext> {
        try buildRouter(services: services, table: RouteTable())
    }

    static func buildRouter(services: WebServices, table: RouteTable) throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        let cookies = CookieJar(settings: services.settings)
        let pages = PageResponder(strings: services.strings, renderer: services.pages)
        let forms = FormSessions(sessions: services.sessions, cookies: cookies)
        let federationPages = FederationPages(services: services, pages: pages, forms: forms)
        let federation = FederationStart(services: services, pages: federationPages)

        router.add(middleware: ClientAddressMiddleware(trustedProxies: services.settings.trustedProxies))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: LineGatewayMiddleware(gateway: services.settings.lineGateway))
        router.add(middleware: SecurityHeadersMiddleware(settings: services.settings))
        router.add(middleware: LanguageMiddleware(cookies: cookies))
        router.add(middleware: ErrorPageMiddleware(pages: pages, routes: table, lineRefusals: services.line.refusals))
        router.add(middleware: SessionMiddleware(sessions: services.sessions, cookies: cookies))
        router.add(middleware: PartialSessionMiddleware())
        router.add(middleware: CSRFMiddleware(settings: services.settings, routes: table))

        let routes = Routes(router: router, table: table)
        SignInController(services: services, pages: pages, cookies: cookies, forms: forms, federation: federation).register(routes)
        SessionsController(services: services, pages: pages).register(routes)
        StepUpController(services: services, pages: pages, cookies: cookies).register(routes)
        FederationController(services: services, pages: pages, federationPages: federationPages, cookies: cookies).register(routes)
        ContractMenuController(services: services, pages: pages, cookies: cookies).register(routes)
        ContractDetailsController(services: services, pages: pages).register(routes)
        PlanAndRouteController(services: services, pages: pages).register(routes)
        LoginMethodController(services: services, pages: pages).register(routes)
        CancellationController(services: services, pages: pages, cookies: cookies).register(routes)
        TwoStepController(services: services, pages: pages, cookies: cookies).register(routes)
        TwoStepRestartController(services: services, pages: pages, cookies: cookies).register(routes)
        SecurityKeysController(services: services, pages: pages).register(routes)
        LineNoticeController(services: services, pages: pages, cookies: cookies).register(routes)
        ApplicationController(services: services, pages: pages, forms: forms, federation: federation).register(routes)
        UnlockController(services: services, pages: pages, forms: forms).register(routes)
        PasswordResetController(services: services, pages: pages, forms: forms).register(routes)
        InvitationLinkController(services: services, pages: pages, forms: forms, federation: federation).register(routes)
        EmailChangeLinkController(services: services, pages: pages, forms: forms, federation: federation).register(routes)
        AdminUsersController(services: services, pages: pages).register(routes)
        AdminInvitationsController(services: services, pages: pages).register(routes)
        AdminEmailController(services: services, pages: pages).register(routes)
        AdminAuditController(services: services, pages: pages).register(routes)
        AdminLineController(services: services, pages: pages).register(routes)
        SmallPagesController(services: services, cookies: cookies, assets: try StaticAsset.all()).register(routes)
        CSPReportController(budget: ReportBudget(perMinute: 10)).register(routes)
        if let mailbox = services.mailbox {
            DevMailController(mailbox: mailbox, pages: pages).register(routes)
        }
        return router
    }
}

/// The stylesheet and the security-key script, read once at start and served from memory.
struct StaticAsset: Sendable {
    let path: String
    let contentType: String
    let body: ByteBuffer

    static func all() throws -> [StaticAsset] {
        [
            try load("sekisho", "css", contentType: "text/css; charset=utf-8"),
            try load("security-key", "js", contentType: "text/javascript; charset=utf-8"),
        ]
    }

    private static func load(_ name: String, _ ext: String, contentType: String) throws -> StaticAsset {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "static") else {
            throw ResourceMissing(name: "static/\(name).\(ext)")
        }
        return StaticAsset(path: "/static/\(name).\(ext)", contentType: contentType, body: ByteBuffer(bytes: try Data(contentsOf: url)))
    }
}
