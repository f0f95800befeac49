import Foundation
import Hummingbird
import SekishoCore

/// ログイン (SPEC B1, B2, B5), ログアウト, and home.
struct SignInController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar
    let forms: FormSessions

    /// Notices the sign-in page shows after a redirect; anything else in `notice=` is ignored.
    static let notices: Set<String> = ["applied", "signed_out", "session_ended"]

    func register(_ routes: Routes) {
        routes.get("/") { _, _ in .redirect(to: "/login") }
        routes.get("/login", showForm)
        routes.post("/login", signIn)
        routes.post("/logout", signOut)
        routes.signedInGet("/home", home)
    }

    @Sendable func showForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = LocalRedirect.validated(request.uri.queryParameters.get("next"))
        if context.session?.isSignedIn == true { return .redirect(to: landing(next)) }
        let notice = request.uri.queryParameters.get("notice").flatMap { Self.notices.contains($0) ? "notice_\($0)" : nil }
        let (csrf, cookie) = try await forms.csrf(for: context)
        var response = render(
            LoginContent(notice: notice.map { services.strings.text($0, context.language) }, failure: nil, email: "", next: next,
                         feedback: .empty),
            request: request, context: context, csrf: csrf, status: .ok)
        response.setCookie(cookie)
        return response
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let next = LocalRedirect.validated(form["next"])
        do {
            let signedIn = try await services.signIn.execute(
                email: form[SignIn.Field.email], password: form[SignIn.Field.password],
                previous: context.session?.token.digest, client: context.client(request))
            var response = Response.redirect(to: landing(next))
            response.setCookie(cookies.session(signedIn.token))
            return response
        } catch let errors as FormErrors {
            let feedback = FormFeedback(
                form: form, keeping: [SignIn.Field.email], errors: errors, strings: services.strings, language: context.language)
            return render(LoginContent(notice: nil, failure: nil, email: form[SignIn.Field.email] ?? "", next: next, feedback: feedback),
                          request: request, context: context, csrf: nil, status: .unprocessableContent)
        } catch is SignInRejected {
            let failure = services.strings.text("login_failed", context.language)
            return render(LoginContent(notice: nil, failure: failure, email: form[SignIn.Field.email] ?? "", next: next, feedback: .empty),
                          request: request, context: context, csrf: nil, status: .unprocessableContent)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session { try await services.signOut.execute(session, client: context.client(request)) }
        var response = Response.redirect(to: "/login?notice=signed_out")
        response.setCookie(cookies.clearSession())
        return response
    }

    @Sendable func home(_ request: Request, context: SignedInContext) async throws -> Response {
        let content = HomeContent(account: context.account, strings: services.strings, language: context.language)
        return pages.page("home", title: "home_title", content: content, request: request, context: context)
    }

    /// Where a successful sign-in goes: the page asked for, else the storage service, else home.
    private func landing(_ next: String?) -> String {
        next ?? services.settings.serviceURL?.absoluteString ?? "/home"
    }

    private func render(
        _ content: LoginContent, request: Request, context: AppRequestContext, csrf: String?, status: HTTPResponse.Status
    ) -> Response {
        pages.page("login", title: "login_title", content: content, request: request, context: context, csrf: csrf, status: status)
    }
}

struct LoginContent: Sendable {
    let notice: String?
    /// The one message for a wrong email or a wrong password (SPEC B2).
    let failure: String?
    let email: String
    let next: String?
    let feedback: FormFeedback
}
