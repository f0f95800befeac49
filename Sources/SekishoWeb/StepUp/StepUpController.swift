import Foundation
import Hummingbird
import SekishoCore

/// 「パスワードの再入力」 before a sensitive change (step-up, ``RecentSignIn``; ASVS 7.5.1–7.5.3):
/// `/reauth` in the portal, `/contract/reauth` in the contract menu. A page or button refused with
/// ``RecentSignInRequired`` comes here (``redirect(for:)``) with the page to return to; the password
/// makes a new, recent session and goes back there, where the person presses the button again.
struct StepUpController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path(for: .portal)) { request, context in show(request, context) }
        routes.signedInPost(Self.path(for: .portal)) { request, context in try await confirm(request, context) }
        routes.contractMenuGet(Self.path(for: .contractMenu)) { request, context in show(request, context) }
        routes.contractMenuPost(Self.path(for: .contractMenu)) { request, context in try await confirm(request, context) }
    }

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

    private func show<Area>(_ request: Request, _ context: SignedInAreaContext<Area>) -> Response {
        page(next: request.uri.queryParameters.get("next"), status: .ok, request: request, context: context)
    }

    /// The password: a new session, then back to `next`.
    private func confirm<Area>(_ request: Request, _ context: SignedInAreaContext<Area>) async throws -> Response {
        let next = context.form["next"]
        do {
            let token = try await services.recentSignIn.confirm(
                context.activeSession, password: context.form[RecentSignIn.field], client: context.client(request))
            var response = Response.redirect(to: LocalRedirect.validated(next) ?? Self.home(for: Area.scope))
            response.setCookie(cookies.session(token))
            return response
        } catch let errors as FormErrors {
            return page(next: next, errors: errors, request: request, context: context)
        } catch is AccountLocked {
            return page(next: next, failure: "login_locked", request: request, context: context)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        }
    }

    private func page<Area>(
        next: String?, errors: FormErrors = FormErrors(), failure: String? = nil, status: HTTPResponse.Status = .unprocessableContent,
        request: Request, context: SignedInAreaContext<Area>
    ) -> Response {
        ReauthenticationPage(services: services, pages: pages).render(
            next: LocalRedirect.validated(next) ?? Self.home(for: Area.scope), errors: errors, failure: failure, status: status,
            request: request, context: context)
    }
}
