import Hummingbird
import SekishoCore

/// 「サインイン中のセッション」 (ASVS 7.5.2): the person's signed-in sessions with their browsers, a
/// button on each other row that ends it, and one that ends all but this one (ASVS 7.4.3). A page
/// of its own, so that home costs no extra query.
struct SessionsController {
    let services: WebServices
    let pages: PageResponder

    static let path = "/sessions"

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path, show)
        routes.signedInPost("\(Self.path)/end-others", endOthers)
        routes.signedInPost("\(Self.path)/end", endOne)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let sessions = try await services.sessions.signedIn(of: context.account.person.id)
        let notice = request.uri.queryParameters.get("notice").flatMap { Self.notices.contains($0) ? $0 : nil }
        let content = SessionsContent(
            sessions: sessions, current: context.activeSession.record.digest,
            notice: notice.map { services.strings.text("notice_\($0)", context.language) },
            strings: services.strings, language: context.language)
        return pages.page("sessions", title: "sessions_title", content: content, request: request, context: context)
    }

    static let notices: Set<String> = ["sessions_ended", "one_session_ended"]

    /// Ending one session answers the same whether it was still there: a second click, or a session
    /// that ended meanwhile, leaves the list as it should be.
    @Sendable func endOne(_ request: Request, context: SignedInContext) async throws -> Response {
        try await services.sessions.endOne(context.form["session"], from: context.activeSession, client: context.client(request))
        return .redirect(to: "\(Self.path)?notice=one_session_ended")
    }

    @Sendable func endOthers(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await services.sessions.endOthers(context.activeSession, client: context.client(request))
        return .redirect(to: "\(Self.path)?notice=sessions_ended")
    }
}

/// The rows of 「サインイン中のセッション」.
struct SessionsContent: Sendable, Encodable {
    let sessions: [Row]
    let hasOthers: Bool
    let notice: String?

    struct Row: Sendable, Encodable {
        let browser: String
        /// What the row's 「終了する」 sends; `nil` on the current session's row.
        let handle: String?
        let started: String
        let lastUsed: String
        let area: String
        /// The session showing the page.
        let current: Bool
    }

    init(sessions: [SessionRecord], current: TokenDigest, notice: String?, strings: Strings, language: Language) {
        self.sessions = sessions.map {
            Row(
                browser: $0.browser.flatMap { $0 == BrowserLabel.unknown ? nil : $0 } ?? strings.text("browser_unknown", language),
                handle: $0.digest == current ? nil : $0.handle,
                started: JapanTime.dateTime($0.createdAt), lastUsed: JapanTime.dateTime($0.lastSeenAt),
                area: strings.text($0.scope == .contractMenu ? "sessions_area_contract_menu" : "sessions_area_portal", language),
                current: $0.digest == current)
        }
        hasOthers = sessions.contains { $0.digest != current }
        self.notice = notice
    }
}
