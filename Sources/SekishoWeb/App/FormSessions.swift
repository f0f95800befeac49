import Hummingbird
import SekishoCore

/// Public forms (sign-in, application, confirmation) need a session to carry their CSRF token. It is
/// started when such a form is first shown, not on every request.
struct FormSessions: Sendable {
    let sessions: SessionService
    let cookies: CookieJar

    /// The CSRF token for the form, and the cookie to set when the session is new.
    private func csrf(for context: AppRequestContext) async throws -> (token: String, cookie: Cookie?) {
        if let session = context.session { return (session.csrfToken, nil) }
        let token = try await sessions.startAnonymous()
        return (token.derived("sekisho-csrf"), cookies.session(token))
    }

    /// A page with a public form: `render` gets the CSRF token; the session cookie goes along when new.
    func page(for context: AppRequestContext, _ render: (_ csrf: String) throws -> Response) async throws -> Response {
        let (csrf, cookie) = try await csrf(for: context)
        var response = try render(csrf)
        response.setCookie(cookie)
        return response
    }

    /// The GET of a mail link: the `ticket` of the query, what `preview` finds behind it without using
    /// it, and the page of its form; `unusable` when the link cannot be used (``TicketRejected``).
    func ticketPage<Subject: Sendable>(
        _ request: Request, context: AppRequestContext, preview: (String?) async throws -> Subject,
        render: (_ subject: Subject, _ ticket: String, _ csrf: String) throws -> Response, unusable: () -> Response
    ) async throws -> Response {
        let ticket = request.uri.queryParameters.get("ticket")
        let subject: Subject
        do {
            subject = try await preview(ticket)
        } catch is TicketRejected {
            return unusable()
        }
        return try await page(for: context) { csrf in try render(subject, ticket ?? "", csrf) }
    }
}

extension Response {
    mutating func setCookie(_ cookie: Cookie?) {
        if let cookie { setCookie(cookie) }
    }
}
