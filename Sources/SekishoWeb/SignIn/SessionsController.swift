import Hummingbird
import SekishoCore

/// 「サインイン中のセッション」 (ASVS 7.5.2): the person's signed-in sessions, and one button that
/// ends all but this one (ASVS 7.4.3). A page of its own, so that home costs no extra query.
struct SessionsController {
    let services: WebServices
    let pages: PageResponder

    static let path = "/sessions"

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path, show)
        routes.signedInPost("\(Self.path)/end-others", endOthers)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let sessions = try await services.sessions.signedIn(of: context.account.person.id)
        let ended = request.uri.queryParameters.get("notice") == "sessions_ended"
        let content = SessionsContent(
            sessions: sessions, current: context.activeSession.record.digest,
            notice: ended ? services.strings.text("notice_sessions_ended", context.language) : nil,
            strings: services.strings, language: context.language)
        return pages.page("sessions", title: "sessions_title", content: content, request: request, context: context)
    }

    @Sendable func endOthers(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await services.sessions.endOthers(context.activeSession, client: context.client(request))
        return .redirect(to: "\(Self.path)?notice=sessions_ended")
    }
}

/// The rows of 「サインイン中のセッション」.
struct SessionsContent: Sendable {
    let sessions: [Row]
    let hasOthers: Bool
    let notice: String?

    struct Row: Sendable {
        let started: String
        let lastUsed: String
        let area: String
        /// The session showing the page.
        let current: Bool
    }

    init(sessions: [SessionRecord], current: TokenDigest, notice: String?, strings: Strings, language: Language) {
        self.sessions = sessions.map {
            Row(
                started: JapanTime.dateTime($0.createdAt), lastUsed: JapanTime.dateTime($0.lastSeenAt),
                area: strings.text($0.scope == .contractMenu ? "sessions_area_contract_menu" : "sessions_area_portal", language),
                current: $0.digest == current)
        }
        hasOthers = sessions.contains { $0.digest != current }
        self.notice = notice
    }
}
