import Hummingbird
import SekishoCore

/// 「2段階認証を登録し直す」 (ASVS 6.5.6): from home, a page that says what happens, and its button,
/// both after a recent sign-in (step-up); then the enrolment pages, in a new session. For password
/// people only: Google and Facebook people have no second factor here.
struct TwoStepRestartController: Sendable {
    static let path = "/two-step/restart"

    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path) { request, context in
            try Self.requirePassword(context)
            try services.recentSignIn.require(context.account)
            return pages.page("two_step_restart", title: "two_step_restart_title", content: EmptyContent(), request: request, context: context)
        }
        routes.signedInPost(Self.path) { request, context in
            try Self.requirePassword(context)
            let token = try await services.twoStep.restartEnrolment(context.activeSession, client: context.client(request))
            var response = Response.redirect(to: TwoStepController.path)
            response.setCookie(cookies.session(token))
            return response
        }
    }

    private static func requirePassword(_ context: SignedInContext) throws {
        guard context.account.person.loginMethod == .password else { throw HTTPError(.notFound) }
    }
}
