import Foundation
import SekishoCore
import SekishoFederation
import SekishoWeb

/// Google (`google.*`) and Facebook (`facebook.*`): each provider is on when its client id and
/// secret are given, otherwise its buttons lead to a page saying it is not available. The redirect
/// URIs are fixed by the public URL: `<public.url>/auth/google/callback` and `…/facebook/callback`;
/// with line authentication, the same paths on `line.url` too (both are registered at the provider).
struct FederationConfiguration {
    var google: OpenIDConnectConfiguration?
    var facebook: FacebookConfiguration?

    static func load(
        _ settings: SettingsReader, mode: WebSettings.Mode, publicURL: URL, lineEntrance: URL? = nil
    ) throws -> FederationConfiguration {
        let timeout = TimeInterval(try settings.int("federation.timeout", default: 10, in: 1...60))
        var federation = FederationConfiguration()
        if let clientID = settings.string("google.client-id") {
            guard let secret = settings.string("google.client-secret", secret: true) else {
                throw ConfigurationError.invalid("google.client-secret", "Google sign-in needs the client secret with the client id")
            }
            // Google's own settings (with its legacy issuer spelling), or another OpenID provider's.
            var google = OpenIDConnectConfiguration.google(clientID: clientID, clientSecret: secret, redirectURI: callback(publicURL, "google"))
            let issuer = try endpoint(settings, "google.issuer", default: google.issuer, mode: mode)
            if issuer != google.issuer {
                google = OpenIDConnectConfiguration(
                    provider: .google, issuer: issuer, clientID: clientID, clientSecret: secret, redirectURI: google.redirectURI)
            }
            google.timeout = timeout
            google.lineRedirectURI = lineEntrance.map { callback($0, "google") }
            federation.google = google
        }
        if let appID = settings.string("facebook.app-id") {
            guard let secret = settings.string("facebook.app-secret", secret: true) else {
                throw ConfigurationError.invalid("facebook.app-secret", "Facebook sign-in needs the app secret with the app id")
            }
            federation.facebook = FacebookConfiguration(
                appID: appID, appSecret: secret, redirectURI: callback(publicURL, "facebook"),
                dialogURL: try endpoint(settings, "facebook.dialog-url", default: "https://www.facebook.com/v19.0/dialog/oauth", mode: mode),
                graphURL: try endpoint(settings, "facebook.graph-url", default: "https://graph.facebook.com/v19.0", mode: mode),
                timeout: timeout)
            federation.facebook?.lineRedirectURI = lineEntrance.map { callback($0, "facebook") }
        }
        return federation
    }

    /// Where the provider buttons send the browser: the origins of Google's issuer (its
    /// authorization endpoint lives there) and of Facebook's login dialog.
    var authorizationOrigins: [String] {
        [google?.issuer, facebook?.dialogURL].compactMap { $0.flatMap(URL.init(string:)).map(WebSettings.origin(of:)) }
    }

    private static func callback(_ publicURL: URL, _ provider: String) -> String {
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/auth/\(provider)/callback"
    }

    /// A provider URL: absolute http(s), and https in production (codes and tokens travel there).
    private static func endpoint(_ settings: SettingsReader, _ key: String, default value: String, mode: WebSettings.Mode) throws -> String {
        let text = settings.string(key, default: value)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError.invalid(key, "\"\(text)\" is not an absolute http(s) URL")
        }
        if mode == .production, scheme != "https" {
            throw ConfigurationError.invalid(key, "production mode talks to sign-in providers over https only")
        }
        return text
    }
}
