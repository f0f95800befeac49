import Hummingbird
import SekishoCore

/// Finds the request's session from its cookie. A cookie whose session is gone (signed out,
/// expired, swept) is cleared on the response unless the handler sets a new one. A session line
/// authentication refuses here is ended, and the refusal becomes its page.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionService
    let cookies: CookieJar

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.sessionToken(in: request) {
            context.session = try await sessions.resume(token, client: context.client(request))
        }
        var response = try await next(request, context)
        if context.session == nil, cookies.hasSessionCookie(request),
           !response.headers[values: .setCookie].contains(where: { $0.hasPrefix("\(cookies.sessionName)=") }) {
            response.setCookie(cookies.clearSession())
        }
        return response
    }
}
