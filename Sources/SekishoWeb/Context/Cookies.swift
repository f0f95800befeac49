import Foundation
import Hummingbird
import SekishoCore

/// The cookies Sekisho sets. All `HttpOnly` and `SameSite=Lax`; with an https public URL also `Secure`
/// and named with the `__Host-` prefix (no Domain, Path=/), so no sibling host can set or read them.
struct CookieJar: Sendable {
    let settings: WebSettings

    var sessionName: String { settings.isSecure ? "__Host-sekisho_session" : "sekisho_session" }
    var languageName: String { settings.isSecure ? "__Host-sekisho_lang" : "sekisho_lang" }

    /// The session cookie: no expiry, so it ends with the browser; the server enforces the timeouts.
    func session(_ token: SecretToken) -> Cookie {
        Cookie(name: sessionName, value: token.text, path: "/", secure: settings.isSecure, httpOnly: true, sameSite: .lax)
    }

    func clearSession() -> Cookie {
        Cookie(name: sessionName, value: "", maxAge: 0, path: "/", secure: settings.isSecure, httpOnly: true, sameSite: .lax)
    }

    func language(_ language: Language) -> Cookie {
        Cookie(name: languageName, value: language.rawValue, maxAge: 365 * 86_400, path: "/", secure: settings.isSecure,
               httpOnly: true, sameSite: .lax)
    }

    func sessionToken(in request: Request) -> SecretToken? {
        request.cookies[sessionName].flatMap { SecretToken(parsing: $0.value) }
    }

    func hasSessionCookie(_ request: Request) -> Bool {
        request.cookies[sessionName] != nil
    }

    func language(in request: Request) -> Language? {
        request.cookies[languageName].flatMap { Language(rawValue: $0.value) }
    }
}

extension ActiveSession {
    /// The synchronizer token of this session's forms.
    var csrfToken: String { token.derived("sekisho-csrf") }
}
