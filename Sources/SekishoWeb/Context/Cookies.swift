import Foundation
import Hummingbird
import SekishoCore

/// The cookies Sekisho sets. All `HttpOnly` and `SameSite=Lax`; with an https public URL also `Secure`
/// and named with the `__Host-` prefix (no Domain, Path=/), so no sibling host can set or read them.
struct CookieJar: Sendable {
    let settings: WebSettings

    var sessionName: String { settings.isSecure ? "__Host-sekisho_session" : "sekisho_session" }
    var languageName: String { settings.isSecure ? "__Host-sekisho_lang" : "sekisho_lang" }
    var browserName: String { settings.isSecure ? "__Host-sekisho_browser" : "sekisho_browser" }
    var returnName: String { settings.isSecure ? "__Host-sekisho_return" : "sekisho_return" }

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

    /// A remembered browser's token (SPEC C6): its own cookie, kept as long as the browser is trusted
    /// and renewed at each use, since the 30 days slide.
    func rememberedBrowser(_ token: SecretToken, lifetime: TimeInterval) -> Cookie {
        Cookie(name: browserName, value: token.text, maxAge: Int(lifetime), path: "/", secure: settings.isSecure, httpOnly: true,
               sameSite: .lax)
    }

    func rememberedBrowserToken(in request: Request) -> SecretToken? {
        request.cookies[browserName].flatMap { SecretToken(parsing: $0.value) }
    }

    /// Where sign-in goes once two-step verification is done: the `next=` of the sign-in form, kept
    /// across the two-step pages. Percent-encoded, and validated again when read. `nil` when the
    /// encoded path would make the cookie longer than browsers keep (4,096 bytes, ASVS 3.3.5): the
    /// sign-in then lands where it would without one, rather than on a cookie the browser drops.
    func returnPath(_ path: String) -> Cookie? {
        guard let encoded = path.addingPercentEncoding(withAllowedCharacters: Self.unreserved),
              encoded.utf8.count <= Self.returnPathLimit
        else { return nil }
        return Cookie(name: returnName, value: encoded, path: "/", secure: settings.isSecure, httpOnly: true, sameSite: .lax)
    }

    /// What is left of 4,096 bytes after the cookie's name and attributes.
    static let returnPathLimit = 3_900

    func clearReturnPath() -> Cookie {
        Cookie(name: returnName, value: "", maxAge: 0, path: "/", secure: settings.isSecure, httpOnly: true, sameSite: .lax)
    }

    func returnPath(in request: Request) -> String? {
        LocalRedirect.validated(request.cookies[returnName]?.value.removingPercentEncoding)
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")

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
