import Hummingbird
import NIOCore
import SekishoCore

/// Guards every unsafe request but the CSP reports, which change nothing (``CSPReportController``)
/// (ASVS 3.5): refuses `Sec-Fetch-Site: cross-site` and foreign `Origin`s,
/// reads the body as a strict form into the context, and requires the session's synchronizer token
/// in the `_csrf` field. The sign-in form is covered too: its token belongs to the pre-sign-in session.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "_csrf"

    let settings: WebSettings
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Safe methods change nothing; a method the path does not serve goes on to its 404 or 405.
        guard ![.get, .head, .options].contains(request.method), request.uri.path != CSPReportController.unguardedPath,
              routes.methods(for: request.uri.path).contains(request.method)
        else {
            return try await next(request, context)
        }
        if request.headers[.secFetchSite]?.lowercased() == "cross-site" { throw CSRFRejected() }
        if let origin = request.headers[.origin], !isAllowed(origin: origin, request: request) { throw CSRFRejected() }

        var request = request
        var context = context
        context.form = try await readForm(&request)
        guard let session = context.session,
              let sent = context.form[Self.fieldName],
              ConstantTime.equals(sent, session.csrfToken)
        else { throw CSRFRejected() }
        return try await next(request, context)
    }

    /// `Origin: null` (sent by pages with `Referrer-Policy: no-referrer`) says nothing and is left to the
    /// token; a real origin must be the public URL's or the request's own host.
    private func isAllowed(origin: String, request: Request) -> Bool {
        let origin = origin.lowercased()
        if origin == "null" || origin == settings.publicOrigin { return true }
        guard let host = request.head.authority?.lowercased() else { return false }
        return origin == "\(settings.isSecure ? "https" : "http")://\(host)"
    }

    private func readForm(_ request: inout Request) async throws -> FormBody {
        guard let type = request.headers[.contentType].flatMap(MediaType.init(from:)),
              type.isType(.applicationUrlEncoded)
        else { throw FormBodyError.unsupportedMediaType }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: settings.maxFormBytes)
        } catch is NIOTooManyBytesError {
            throw FormBodyError.tooLarge
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw FormBodyError.tooLarge
        }
        return try FormBody(parsing: body.readableBytesView)
    }
}

/// An unsafe request without the right token, or from another site.
struct CSRFRejected: Error {}
