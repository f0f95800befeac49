import Hummingbird
import Logging
import NIOCore
import SekishoCore

/// The pages without a feature of their own: the language switch, health checks and the stylesheet.
struct SmallPagesController: Sendable {
    let services: WebServices
    let cookies: CookieJar
    let stylesheet: ByteBuffer

    func register(_ routes: Routes) {
        routes.get("/lang/:code") { request, context in
            guard let language = context.parameters.get("code").flatMap(Language.init(rawValue:)) else {
                throw HTTPError(.notFound)
            }
            var response = Response.redirect(to: LocalRedirect.validated(request.uri.queryParameters.get("next")) ?? "/login")
            response.setCookie(cookies.language(language))
            return response
        }
        routes.get("/healthz") { _, _ in .text("ok") }
        routes.get("/readyz") { _, context in
            do {
                try await services.store.ping()
                return .text("ready")
            } catch {
                context.logger.warning("database not reachable", metadata: ["error": .string("\(error)")])
                return .text("database unavailable", status: .serviceUnavailable)
            }
        }
        routes.get("/static/sekisho.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: ResponseBody(byteBuffer: stylesheet))
        }
    }
}

extension Response {
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
