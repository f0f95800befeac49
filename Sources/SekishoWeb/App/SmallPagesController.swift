import Hummingbird
import Logging
import NIOCore
import SekishoCore

/// The pages without a feature of their own: the language switch, health checks, the stylesheet and
/// the one script.
struct SmallPagesController: Sendable {
    let services: WebServices
    let cookies: CookieJar
    let assets: [StaticAsset]

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
        for asset in assets {
            routes.get(asset.path) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                    body: ResponseBody(byteBuffer: asset.body))
            }
        }
    }
}

extension Response {
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
