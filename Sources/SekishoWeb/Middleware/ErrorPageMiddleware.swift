import Hummingbird
import Logging
import SekishoCore

/// Turns every error into a page in the visitor's language with the right status: domain errors,
/// malformed requests, unknown routes (404) and known routes with the wrong method (405). An error
/// nobody expected is a bug: it is logged with the request id and the page shows that id, nothing else.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageResponder
    let routes: RouteTable
    let lineRefusals: LineRefusalAudit

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refused as LineAccessRefused {
            // Audited here, after the refused pathway's own transaction rolled back (SPEC D5).
            do {
                try await lineRefusals.record(refused, client: context.client(request))
            } catch {
                context.logger.error("line refusal not audited", metadata: ["error": .string(String(reflecting: error))])
            }
            return pages.lineRefusal(refused.reason, request: request, context: context)
        } catch {
            return response(for: error, request: request, context: context)
        }
    }

    private func response(for error: any Error, request: Request, context: Context) -> Response {
        switch error {
        case is SignInRequired:
            let back = LocalRedirect.returnPath(path: request.uri.path, query: request.uri.query)
            return .redirect(to: request.method == .get ? "/login?next=\(LocalRedirect.queryValue(back))" : "/login")
        case is RecentSignInRequired:
            return StepUpController.redirect(for: request)
        case is ContractMenuSignInRequired:
            return .redirect(to: ContractMenuController.signInPath)
        case is TwoStepRequired, is TwoStepOutOfOrder:
            return .redirect(to: TwoStepController.path)
        case is LineNoticeOutOfOrder:
            return .redirect(to: "/login")
        case is CSRFRejected:
            return page(.forbidden, "error_403_csrf", request, context)
        case let error as FormBodyError:
            switch error {
            case .tooLarge: return page(.contentTooLarge, "error_413", request, context)
            case .unsupportedMediaType: return page(.unsupportedMediaType, "error_415", request, context)
            case .malformed, .duplicateField, .invalidUTF8: return page(.badRequest, "error_400", request, context)
            }
        case is HashingPoolBusy:
            return unavailable("error_503", retryAfter: 5, request, context)
        case StoreError.unavailable:
            context.logger.warning("database unavailable")
            return unavailable("error_503_database", retryAfter: 10, request, context)
        case StoreError.conflict:
            return page(.conflict, "error_409", request, context)
        case is AdminOnly:
            return page(.forbidden, "error_403_admin", request, context)
        case is ContractMenuRefused:
            return page(.forbidden, "error_403_contract_menu", request, context)
        case is PersonNotFound:
            return page(.notFound, "error_404", request, context)
        case let refusal as AdminRefusal:
            return pages.message(
                title: "admin_refused_title", paragraphs: ["admin_refused_\(refusal.rawValue)"], links: [("/admin/users", "admin_users")],
                request: request, context: context, status: .conflict)
        case is TicketRejected:
            return pages.message(
                title: "ticket_invalid_title", paragraphs: ["ticket_invalid_body"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .notFound, referrerPolicy: .noReferrer)
        case let error as HTTPError where error.status == .notFound:
            // The router's 404 for a path served with other methods is really a 405; a handler's own
            // 404 (an id that does not exist) comes from a route that serves this method.
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { return page(.notFound, "error_404", request, context) }
            var response = page(.methodNotAllowed, "error_405", request, context)
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        case let error as HTTPError where error.status.code < 500:
            let key = "error_\(error.status.code)"
            return page(error.status, pages.strings.has(key) ? key : "error_400", request, context)
        default:
            context.logger.error("unexpected error", metadata: ["error": .string(String(reflecting: error))])
            return pages.message(
                title: "error_title", paragraphs: ["error_500"], links: [("/login", "back_to_top")], reference: context.id,
                request: request, context: context, status: .internalServerError)
        }
    }

    private func unavailable(_ message: String, retryAfter seconds: Int, _ request: Request, _ context: Context) -> Response {
        var response = page(.serviceUnavailable, message, request, context)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    private func page(_ status: HTTPResponse.Status, _ message: String, _ request: Request, _ context: Context) -> Response {
        pages.message(
            title: "error_title", paragraphs: [message], links: [("/login", "back_to_top")],
            request: request, context: context, status: status)
    }
}
