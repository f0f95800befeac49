import Hummingbird
import SekishoCore

/// A session half way through sign-in (password accepted, two-step verification not yet, SPEC B3;
/// or the West-area notice not answered yet, SPEC D4) reaches its own pages, sign-out, the
/// forgotten password and mail links (a person who lost both device and recovery code resets the
/// password, which resets two-step, SPEC I1), and the plumbing (language switch, stylesheet, health
/// checks, the development mailbox where SMS codes land); every other request goes back to its page.
struct PartialSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Path prefixes a partial session may use. `/login` and `/contract/login` are among them: their
    /// pages send a partial session on to two-step, and signing in again starts over; so does a
    /// provider's callback (`/auth/`), whose sign-in replaces the partial session.
    static let open = [
        "/two-step", "/line/notice", "/logout", "/login", "/contract/login", "/auth/", "/password/forgot", "/lo/", "/lang/",
        "/static/", "/healthz", "/readyz", "/dev/mail",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.session?.record.stage.isPartial == true,
              !Self.open.contains(where: { request.uri.path == $0 || request.uri.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") })
        else { return try await next(request, context) }
        return .redirect(to: Self.path(for: context.session?.record.stage ?? .twoStep))
    }

    /// Where a session at a partial `stage` goes on.
    static func path(for stage: SessionStage) -> String {
        stage == .lineNotice ? LineNoticeController.path : TwoStepController.path
    }
}
