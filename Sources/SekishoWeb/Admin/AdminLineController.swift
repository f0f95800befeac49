import Hummingbird
import SekishoCore

/// The admin console's 「回線認証」 (SPEC D5, D6; manual 6.1): the access route and the line numbers,
/// saved together with 「保存」; each number can be removed. Switching to 「回線認証」 with no line
/// registered asks again on a warning page.
struct AdminLineController: Sendable {
    static let path = "/admin/line"

    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path) { request, context in
            let notice = request.uri.queryParameters.get("notice").flatMap { ["saved", "removed"].contains($0) ? "line_\($0)" : nil }
            return try await page(notice: notice, request: request, context: context)
        }
        routes.signedInPost(Self.path, save)
        routes.signedInPost("\(Self.path)/remove", remove)
    }

    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = context.form
        let route = form[LineSettings.Field.route], numbers = form[LineSettings.Field.numbers]
        do {
            try await services.line.settings.save(
                route: route, numbers: numbers, confirmed: form[LineSettings.Field.confirmed] == "1", by: context.account,
                client: context.client(request))
            return .redirect(to: "\(Self.path)?notice=saved")
        } catch is FormErrors {
            return try await page(problem: .route, typed: numbers, request: request, context: context)
        } catch let refused as LineNumbersRefused {
            return try await page(problem: .numbers(refused), typed: numbers, request: request, context: context)
        } catch is LineOnlyWithoutLines {
            return pages.page(
                "admin_line_warning", title: "line_warning_title", content: LineWarningContent(route: route ?? "", numbers: numbers ?? ""),
                request: request, context: context)
        }
    }

    @Sendable func remove(_ request: Request, context: SignedInContext) async throws -> Response {
        do {
            try await services.line.settings.remove(context.form[LineSettings.Field.number], by: context.account, client: context.client(request))
            return .redirect(to: "\(Self.path)?notice=removed")
        } catch let refused as LineNumbersRefused {
            return try await page(problem: .numbers(refused), typed: nil, request: request, context: context)
        }
    }

    enum Problem {
        case route
        case numbers(LineNumbersRefused)
    }

    /// The page; with a `problem`, again with the reason and what was typed (422).
    private func page(
        notice: String? = nil, problem: Problem? = nil, typed: String? = nil, request: Request, context: SignedInContext
    ) async throws -> Response {
        let overview = try await services.line.settings.overview(for: context.account)
        let text = { (key: String) in services.strings.text(key, context.language) }
        var content = LineSettingsContent(overview, notice: notice.map(text), typed: typed ?? "", strings: text)
        switch problem {
        case .route: content.routeError = text("problem.invalidChoice")
        case .numbers(let refused):
            content.refused = refused.entries.map { .init(text: $0.text, reason: text("line_problem.\($0.problem.rawValue)")) }
            content.hasRefused = !refused.entries.isEmpty
            if refused.tooMany { content.tooMany = text("line_too_many") }
        case nil: break
        }
        return pages.page("admin_line", title: "line_title", content: content, request: request, context: context,
                          status: problem == nil ? .ok : .unprocessableContent)
    }
}

struct LineSettingsContent: Sendable, Encodable {
    struct Line: Sendable, Encodable {
        let number: String
        let added: String
        /// The West-area notice answer (SPEC D4), or a dash.
        let notice: String
    }

    struct Refused: Sendable, Encodable {
        let text: String
        let reason: String
    }

    let lineAndInternet: Bool
    let lines: [Line]
    let hasLines: Bool
    let count: Int
    let maxLines = LineSettings.maxLines
    let locksEveryoneOut: Bool
    let notice: String?
    let typed: String
    var routeError: String?
    var refused: [Refused] = []
    var hasRefused = false
    var tooMany: String?

    init(_ overview: LineOverview, notice: String?, typed: String, strings: (String) -> String) {
        lineAndInternet = overview.route == .lineAndInternet
        lines = overview.lines.map {
            Line(number: $0.number.value, added: JapanTime.date($0.addedAt), notice: strings("line_notice_state.\($0.notice?.rawValue ?? "none")"))
        }
        hasLines = !overview.lines.isEmpty
        count = overview.lines.count
        locksEveryoneOut = overview.locksEveryoneOut
        self.notice = notice
        self.typed = typed
    }
}

struct LineWarningContent: Sendable, Encodable {
    let route: String
    let numbers: String
}
