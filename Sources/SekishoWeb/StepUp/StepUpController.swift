import Foundation
import Hummingbird
import SekishoCore

/// 「パスワードの再入力」 before a sensitive change (step-up, ``RecentSignIn``; ASVS 7.5.1–7.5.3):
/// `/reauth` in the portal, `/contract/reauth` in the contract menu. A page or button refused with
/// ``RecentSignInRequired`` comes here (``redirect(for:)``) with the page to return to; the password
/// and, with two-step, a code of its method make a new, recent session and go back there, where the
/// person presses the button again. An SMS person has the code sent first (`…/reauth/sms`).
struct StepUpController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path(for: .portal)) { request, context in try await show(request, context) }
        routes.signedInPost(Self.path(for: .portal)) { request, context in try await confirm(request, context) }
        routes.signedInPost("\(Self.path(for: .portal))/sms") { request, context in try await sendCode(request, context) }
        routes.contractMenuGet(Self.path(for: .contractMenu)) { request, context in try await show(request, context) }
        routes.contractMenuPost(Self.path(for: .contractMenu)) { request, context in try await confirm(request, context) }
        routes.contractMenuPost("\(Self.path(for: .contractMenu))/sms") { request, context in try await sendCode(request, context) }
    }

    /// The security-key form says so in this field; the code form sends none.
    static let methodField = "method"
    static let securityKeyMethod = "security_key"

    static func path(for scope: SessionScope) -> String {
        scope == .portal ? "/reauth" : "\(ContractMenuController.path)/reauth"
    }

    /// Where the page leads back to when it was given nowhere (or somewhere not on this site).
    static func home(for scope: SessionScope) -> String {
        scope == .portal ? "/home" : ContractMenuController.path
    }

    /// The answer to ``RecentSignInRequired``: the step-up page of the request's area, told to come
    /// back to the page asked for, or, after a button, to the page the button was on (its
    /// same-origin `Referer`; any path it names is on this site, so the redirect stays here).
    static func redirect(for request: Request) -> Response {
        let path = request.uri.path
        let contractMenu = path == ContractMenuController.path || path.hasPrefix("\(ContractMenuController.path)/")
        let scope: SessionScope = contractMenu ? .contractMenu : .portal
        let back: String? = if request.method == .get {
            LocalRedirect.returnPath(path: path, query: request.uri.query)
        } else {
            request.headers[.referer].flatMap(URLComponents.init(string:)).map {
                LocalRedirect.returnPath(path: $0.percentEncodedPath, query: $0.percentEncodedQuery)
            }
        }
        let next = LocalRedirect.validated(back) ?? home(for: scope)
        return .redirect(to: "\(Self.path(for: scope))?next=\(LocalRedirect.queryValue(next))")
    }

    private func show<Area>(_ request: Request, _ context: SignedInAreaContext<Area>) async throws -> Response {
        let query = request.uri.queryParameters
        return try await page(next: query.get("next"), smsSent: query.get("sent") == "1", status: .ok, request: request, context: context)
    }

    /// The password and the code (or a security key's answer): a new session, then back to `next`.
    private func confirm<Area>(_ request: Request, _ context: SignedInAreaContext<Area>) async throws -> Response {
        let form = context.form
        let next = form["next"]
        let secondFactor: RecentSignIn.SecondFactor = form[Self.methodField] == Self.securityKeyMethod
            ? .securityKey(SecurityKeyAssertion(form: form)) : .code(form[RecentSignIn.codeField])
        do {
            let token = try await services.recentSignIn.confirm(
                context.activeSession, password: form[RecentSignIn.field], secondFactor: secondFactor, client: context.client(request))
            var response = Response.redirect(to: LocalRedirect.validated(next) ?? Self.home(for: Area.scope))
            response.setCookie(cookies.session(token))
            return response
        } catch let errors as FormErrors {
            // The key form without an answer (no script ran): the page says the key was not verified.
            let failure = errors[SecurityKeys.Field.response].map { _ in services.strings.text("security_key_rejected", context.language) }
            return try await page(next: next, errors: errors, failure: failure, request: request, context: context)
        } catch is AccountLocked {
            return try await page(next: next, failure: services.strings.text("login_locked", context.language), request: request, context: context)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        } catch let problem as any TwoStepProblem {
            let failure = problem.message(strings: services.strings, language: context.language)
            return try await page(next: next, failure: failure, status: problem.status, request: request, context: context)
        }
    }

    /// 「SMSで認証コードを送信」: a code for this session, then the page again saying so.
    private func sendCode<Area>(_ request: Request, _ context: SignedInAreaContext<Area>) async throws -> Response {
        let next = LocalRedirect.validated(context.form["next"]) ?? Self.home(for: Area.scope)
        do {
            try await services.twoStep.sendStepUpCode(context.activeSession, client: context.client(request))
        } catch let throttled as TwoStepThrottled {
            let failure = throttled.message(strings: services.strings, language: context.language)
            return try await page(next: next, failure: failure, status: throttled.status, request: request, context: context)
        }
        return .redirect(to: "\(Self.path(for: Area.scope))?next=\(LocalRedirect.queryValue(next))&sent=1")
    }

    private func page<Area>(
        next: String?, errors: FormErrors = FormErrors(), failure: String? = nil, smsSent: Bool = false,
        status: HTTPResponse.Status = .unprocessableContent, request: Request, context: SignedInAreaContext<Area>
    ) async throws -> Response {
        try await ReauthenticationPage(services: services, pages: pages).render(
            next: LocalRedirect.validated(next) ?? Self.home(for: Area.scope), errors: errors, failure: failure, smsSent: smsSent,
            status: status, request: request, context: context)
    }
}
