public import Foundation

/// How the web layer behaves in this deployment.
public struct WebSettings: Sendable {
    /// `development` allows http and serves the mailbox at `/dev/mail`; `production` does neither.
    public enum Mode: String, Sendable, CaseIterable {
        case development
        case production
    }

    public var mode: Mode
    /// Where people reach Sekisho; also the only origin accepted on forms besides the request's own host.
    public var publicURL: URL
    /// The storage service's main screen, where people land after sign-in (SPEC B5); `/home` when `nil`.
    public var serviceURL: URL?
    /// The largest form body read, in bytes. Larger requests get 413.
    public var maxFormBytes: Int
    /// Proxies whose `X-Forwarded-For` names the client (see ``ClientAddressMiddleware``); none by default.
    public var trustedProxies: [IPAddressRange]
    /// `scheme://host[:port]` of the configured sign-in providers' authorization pages, where the
    /// provider buttons' forms are redirected (the CSP's `form-action` names them).
    public var providerOrigins: [String]
    /// The line-auth entrance and its carrier gateways (SPEC D1); `nil` when line authentication is
    /// not offered, and then no request comes over a line.
    public var lineGateway: LineGateway?
    /// HSTS asks to be preloaded into browsers (ASVS 3.7.4): for a domain whose every subdomain is on
    /// https for good, since the preload list is slow to leave. Off by default.
    public var hstsPreload: Bool

    public init(
        mode: Mode, publicURL: URL, serviceURL: URL? = nil, maxFormBytes: Int = 256 * 1024, trustedProxies: [IPAddressRange] = [],
        providerOrigins: [String] = [], lineGateway: LineGateway? = nil, hstsPreload: Bool = false
    ) {
        self.mode = mode
        self.publicURL = publicURL
        self.serviceURL = serviceURL
        self.maxFormBytes = maxFormBytes
        self.trustedProxies = trustedProxies
        self.providerOrigins = providerOrigins
        self.lineGateway = lineGateway
        self.hstsPreload = hstsPreload
    }

    /// Cookies get `Secure` and the `__Host-` prefix, and responses HSTS, whenever the public URL is https.
    public var isSecure: Bool { publicURL.scheme?.lowercased() == "https" }

    /// `scheme://host[:port]` of the public URL, as browsers send it in `Origin`.
    public var publicOrigin: String { Self.origin(of: publicURL) }

    /// `scheme://host[:port]` of a URL, as browsers send it in `Origin`.
    public static func origin(of url: URL) -> String {
        var origin = "\(url.scheme?.lowercased() ?? "http")://\(url.host?.lowercased() ?? "")"
        if let port = url.port { origin += ":\(port)" }
        return origin
    }

    /// Where a completed sign-in goes: the page asked for, else the storage service, else home.
    func landing(_ next: String?) -> String {
        next ?? serviceURL?.absoluteString ?? "/home"
    }
}
