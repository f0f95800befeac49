import HTTPTypes
import Hummingbird

/// The headers of every response (ASVS V3.4): a CSP without inline script, no sniffing, no framing,
/// no loading by other sites (`Cross-Origin-Resource-Policy`, ASVS 3.5.8), no caching of pages, a
/// referrer policy, and HSTS whenever the public URL is https. A handler may
/// set a stricter `Referrer-Policy` or a `Cache-Control` of its own (static files); the rest is fixed.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let settings: WebSettings
    let contentSecurityPolicy: String
    let strictTransportSecurity: String
    let reportingEndpoints: String

    init(settings: WebSettings) {
        self.settings = settings
        self.contentSecurityPolicy = Self.contentSecurityPolicy(formActions: settings.providerOrigins)
        self.strictTransportSecurity = Self.strictTransportSecurity(preload: settings.hstsPreload)
        self.reportingEndpoints = "csp=\"\(settings.publicOrigin)\(CSPReportController.unguardedPath)\""
    }

    /// Two years, subdomains included: what the HSTS preload list asks for, which `preload` then requests.
    static func strictTransportSecurity(preload: Bool) -> String {
        "max-age=63072000; includeSubDomains" + (preload ? "; preload" : "")
    }

    /// Forms post to Sekisho only; the provider buttons' forms are answered with a redirect to the
    /// provider, which `form-action` governs too, so the providers' origins are named.
    /// Violations are reported to ``CSPReportController`` (ASVS 3.4.7): `report-uri` for every browser,
    /// `report-to` for those with the Reporting API (its endpoint is named in `Reporting-Endpoints`).
    static func contentSecurityPolicy(formActions origins: [String]) -> String {
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action "
            + (["'self'"] + origins).joined(separator: " ")
            + "; report-uri \(CSPReportController.unguardedPath); report-to csp"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.reportingEndpoints] = reportingEndpoints
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        response.headers[.permissionsPolicy] = "geolocation=(), camera=(), microphone=(), payment=()"
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "same-origin" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if settings.isSecure {
            response.headers[.strictTransportSecurity] = strictTransportSecurity
        }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
    static let retryAfter = Self("Retry-After")!
    static let reportingEndpoints = Self("Reporting-Endpoints")!
}
