import Foundation
import Hummingbird
import SekishoCore

/// ログイン (SPEC B1, B2, B5), ログアウト, and home.
struct SignInController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar
    let forms: FormSessions
    let federation: FederationStart

    /// Notices the sign-in page shows after a redirect; anything else in `notice=` is ignored.
    static let notices: Set<String> = ["applied", "signed_out", "session_ended", "unlocked", "registered"]

    func register(_ routes: Routes) {
        routes.get("/") { _, _ in .redirect(to: "/login") }
        for entrance in [SignInEntrance.portal, .contractMenu] {
            routes.get(entrance.path) { try await showForm($0, $1, at: entrance) }
            routes.post(entrance.path) { try await signIn($0, $1, at: entrance) }
        }
        routes.post("/logout", signOut)
        routes.signedInGet("/home", home)
        routes.signedInPost("/browsers/:id/forget", forgetBrowser)
        routes.signedInPost("/browsers/forget-all", forgetAllBrowsers)
    }

    @Sendable func showForm(_ request: Request, _ context: AppRequestContext, at entrance: SignInEntrance) async throws -> Response {
        let next = entrance.next(request.uri.queryParameters.get("next"))
        if context.session?.isSignedIn == true, context.session?.record.scope == entrance.scope { return .redirect(to: landing(next)) }
        if let stage = context.session?.record.stage, stage.isPartial { return .redirect(to: PartialSessionMiddleware.path(for: stage)) }
        let notice = request.uri.queryParameters.get("notice").flatMap { Self.notices.contains($0) ? "notice_\($0)" : nil }
        return try await forms.page(for: context) { csrf in
            render(
                LoginContent(entrance, notice: notice.map { services.strings.text($0, context.language) }, failure: nil, email: "",
                             next: next, feedback: .empty),
                request: request, context: context, csrf: csrf, status: .ok)
        }
    }

    @Sendable func signIn(_ request: Request, _ context: AppRequestContext, at entrance: SignInEntrance) async throws -> Response {
        let form = context.form
        if let provider = FederationStart.provider(in: form) {
            // 「再認証」 on the portal's step-up page asks the provider for a fresh sign-in.
            let again = entrance.scope == .portal && form["again"] == "1"
            var response = try await federation.redirect(
                provider, purpose: again ? .signInAgain : .signIn(entrance.scope), request: request, context: context)
            // The page asked for (or the step-up's page to go back to) waits in a cookie for the callback.
            if response.headers[.location] != nil, let next = entrance.next(form["next"]), let cookie = cookies.returnPath(next) {
                response.setCookie(cookie)
            }
            return response
        }
        let next = entrance.next(form["next"])
        do {
            let signedIn = try await services.signIn.execute(
                email: form[SignIn.Field.email], password: form[SignIn.Field.password],
                previous: context.session?.token.digest, browser: cookies.rememberedBrowserToken(in: request),
                scope: entrance.scope, client: context.client(request))
            guard signedIn.stage == .signedIn else {
                var response = Response.redirect(to: PartialSessionMiddleware.path(for: signedIn.stage))
                response.setCookie(cookies.session(signedIn.token))
                if let next, let cookie = cookies.returnPath(next) {
                    response.setCookie(cookie)
                } else if cookies.returnPath(in: request) != nil {
                    response.setCookie(cookies.clearReturnPath())
                }
                return response
            }
            // A remembered browser, or a registered line in place of two-step verification (SPEC D2).
            var response = Response.redirect(to: landing(next))
            response.setCookie(cookies.session(signedIn.token))
            if let browser = cookies.rememberedBrowserToken(in: request) {
                response.setCookie(cookies.rememberedBrowser(browser, lifetime: services.twoStep.policy.rememberFor))
            }
            return response
        } catch let errors as FormErrors {
            let feedback = FormFeedback(
                form: form, keeping: [SignIn.Field.email], errors: errors, strings: services.strings, language: context.language)
            return render(LoginContent(entrance, notice: nil, failure: nil, email: form[SignIn.Field.email] ?? "", next: next,
                                       feedback: feedback),
                          request: request, context: context, csrf: nil, status: .unprocessableContent)
        } catch is SignInRejected {
            return refused("login_failed", entrance, form: form, next: next, request: request, context: context)
        } catch is AccountLocked {
            return refused("login_locked", entrance, form: form, next: next, request: request, context: context)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        } catch let closed as ContractClosed {
            return pages.closedContract(closed, request: request, context: context)
        }
    }

    /// The form again with one sentence that never tells whether the email has an account (SPEC B2, H6).
    private func refused(
        _ message: String, _ entrance: SignInEntrance, form: FormBody, next: String?, request: Request, context: AppRequestContext
    ) -> Response {
        let failure = services.strings.text(message, context.language)
        return render(LoginContent(entrance, notice: nil, failure: failure, email: form[SignIn.Field.email] ?? "", next: next,
                                   feedback: .empty, passwordRefused: message == "login_failed"),
                      request: request, context: context, csrf: nil, status: .unprocessableContent)
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session { try await services.signOut.execute(session, client: context.client(request)) }
        var response = Response.redirect(to: "/login?notice=signed_out")
        response.setCookie(cookies.clearSession())
        return response
    }

    @Sendable func home(_ request: Request, context: SignedInContext) async throws -> Response {
        let browsers = try await services.rememberedBrowsers.list(for: context.account.person.id)
        let notice = request.uri.queryParameters.get("notice").flatMap { Self.homeNotices.contains($0) ? "notice_\($0)" : nil }
        let content = HomeContent(
            account: context.account, browsers: browsers, current: cookies.rememberedBrowserToken(in: request)?.digest,
            notice: notice.map { services.strings.text($0, context.language) }, strings: services.strings, language: context.language)
        return pages.page("home", title: "home_title", content: content, request: request, context: context)
    }

    /// Notices home shows after a redirect.
    static let homeNotices: Set<String> = ["browser_forgotten", "browsers_forgotten"]

    /// 「削除」 next to a remembered browser on home (SPEC C6): forgets it. Another
    /// person's id answers 404 like an unknown one.
    @Sendable func forgetBrowser(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(RememberedBrowser.ID.init(parsing:)),
              try await services.rememberedBrowsers.forget(id, person: context.account.person, client: context.client(request))
        else { throw HTTPError(.notFound) }
        return .redirect(to: "/home?notice=browser_forgotten")
    }

    /// 「すべて削除」 on home: forgets all of the person's browsers, this one included.
    @Sendable func forgetAllBrowsers(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await services.rememberedBrowsers.forgetAll(person: context.account.person, client: context.client(request))
        return .redirect(to: "/home?notice=browsers_forgotten")
    }

    private func landing(_ next: String?) -> String {
        services.settings.landing(next)
    }

    private func render(
        _ content: LoginContent, request: Request, context: AppRequestContext, csrf: String?, status: HTTPResponse.Status
    ) -> Response {
        pages.page("login", title: content.title, content: content, request: request, context: context, csrf: csrf, status: status)
    }
}

struct LoginContent: Sendable, Encodable {
    /// The strings key of the heading.
    let title: String
    let action: String
    let contractMenu: Bool
    let notice: String?
    /// The one message for a wrong email or a wrong password (SPEC B2).
    let failure: String?
    let email: String
    let next: String?
    let feedback: FormFeedback
    /// A wrong email or password: a hint for people who signed up with Google or Facebook, given to
    /// everyone, so it tells nothing about the email (the other way round of ``FederationRefused/signsInWith(_:)``).
    let passwordRefused: Bool

    init(
        _ entrance: SignInEntrance, notice: String?, failure: String?, email: String, next: String?, feedback: FormFeedback,
        passwordRefused: Bool = false
    ) {
        self.title = entrance.title
        self.action = entrance.path
        self.contractMenu = entrance.scope == .contractMenu
        self.notice = notice
        self.failure = failure
        self.email = email
        self.next = next
        self.feedback = feedback
        self.passwordRefused = passwordRefused
    }
}

/// The two sign-in pages (SPEC J1): the portal's 「ログイン」 and the contract menu's
/// 「契約情報変更ログイン」, the same form and rules, each giving a session of its own scope.
struct SignInEntrance: Sendable {
    let scope: SessionScope
    let path: String
    let title: String
    /// Where the contract menu's sign-in always leads; the portal's follows a validated `next`.
    let fixedNext: String?

    static let portal = SignInEntrance(scope: .portal, path: "/login", title: "login_title", fixedNext: nil)
    static let contractMenu = SignInEntrance(
        scope: .contractMenu, path: ContractMenuController.signInPath, title: "contract_login_title", fixedNext: ContractMenuController.path)

    func next(_ asked: String?) -> String? {
        fixedNext ?? LocalRedirect.validated(asked)
    }
}
