import Hummingbird
import SekishoCore

/// 回線情報通知設定 (SPEC D4): after the first sign-in over a West-area line, 「通知する」 or
/// 「通知しない」 and 「決定」. Notifying leads on like a completed sign-in; declining shows why the
/// line is not used (``LineAccessRefused``, answered by the error page).
struct LineNoticeController: Sendable {
    static let path = "/line/notice"

    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.get(Self.path, show)
        routes.post(Self.path, decide)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session, session.record.stage == .lineNotice, let line = session.record.line else {
            throw LineNoticeOutOfOrder()
        }
        return page(LineNoticeContent(line: line.value, choiceError: nil), request: request, context: context, status: .ok)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session else { throw LineNoticeOutOfOrder() }
        do {
            let scope = try await services.line.notice.execute(
                context.form[AnswerLineNotice.Field.choice], session: session, client: context.client(request))
            let returnPath = cookies.returnPath(in: request)
            var response = Response.redirect(to: scope == .contractMenu ? ContractMenuController.path : services.settings.landing(returnPath))
            if returnPath != nil { response.setCookie(cookies.clearReturnPath()) }
            return response
        } catch is FormErrors {
            let content = LineNoticeContent(
                line: session.record.line?.value ?? "", choiceError: services.strings.text("line_notice_choose", context.language))
            return page(content, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func page(_ content: LineNoticeContent, request: Request, context: AppRequestContext, status: HTTPResponse.Status) -> Response {
        pages.page("line_notice", title: "line_notice_title", content: content, request: request, context: context, status: status)
    }
}

struct LineNoticeContent: Sendable, Encodable {
    let line: String
    let choiceError: String?
}
