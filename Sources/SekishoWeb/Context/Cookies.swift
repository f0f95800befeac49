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
        Self.value(of: browserName, in: request).flatMap(SecretToken.init(parsing:))
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
        LocalRedirect.validated(Self.value(of: returnName, in: request)?.removingPercentEncoding)
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")

    func sessionToken(in request: Request) -> SecretToken? {
        Self.value(of: sessionName, in: request).flatMap(SecretToken.init(parsing:))
    }

    func hasSessionCookie(_ request: Request) -> Bool {
        Self.value(of: sessionName, in: request) != nil
    }

    func language(in request: Request) -> Language? {
        Self.value(of: languageName, in: request).flatMap(Language.init(rawValue:))
    }

    /// The value of the first cookie named `name` in the request's `Cookie` headers, as Hummingbird's
    /// `request.cookies[name]?.value` finds it (pairs split at `;`, spaces before each dropped, the
    /// first of a name wins, an empty value is none), without parsing every cookie with its
    /// attributes into a list: a signed-in page reads three or four, and that parse was 4 % of one.
    static func value(of name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                let pair = pair.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), pair[..<equals].elementsEqual(name.utf8) else { continue }
                let value = pair[pair.index(after: equals)...]
                return value.isEmpty ? nil : String(Substring(value))
            }
        }
        return nil
    }
}

extension ActiveSession {
    /// The synchronizer token of this session's forms.
    var csrfToken: String { token.derived("sekisho-csrf") }
}
