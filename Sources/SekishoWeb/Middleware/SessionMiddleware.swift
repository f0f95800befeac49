import Hummingbird
import SekishoCore

/// Finds the request's session from its cookie. A cookie whose session is gone (signed out,
/// expired, swept) is cleared on the response unless the handler sets a new one. A session line
/// authentication refuses here is ended, and the refusal becomes its page.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionService
    let cookies: CookieJar

    /// Paths that never use a session: the stylesheet (which the 503 page of a database outage needs
    /// too) and the health checks. They neither look the session up nor clear its cookie.
    static let sessionless = ["/static/", "/healthz", "/readyz", CSPReportController.unguardedPath]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.sessionless.contains(where: request.uri.path.hasPrefix) else { return try await next(request, context) }
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
