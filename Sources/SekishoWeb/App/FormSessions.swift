import Hummingbird
import SekishoCore

/// Public forms (sign-in, application, confirmation) need a session to carry their CSRF token. It is
/// started when such a form is first shown, not on every request.
struct FormSessions: Sendable {
    let sessions: SessionService
    let cookies: CookieJar

    /// The CSRF token for the form, and the cookie to set when the session is new.
    func csrf(for context: AppRequestContext) async throws -> (token: String, cookie: Cookie?) {
        if let session = context.session { return (session.csrfToken, nil) }
        let token = try await sessions.startAnonymous()
        return (token.derived("sekisho-csrf"), cookies.session(token))
    }
}

extension Response {
    mutating func setCookie(_ cookie: Cookie?) {
        if let cookie { setCookie(cookie) }
    }
}
