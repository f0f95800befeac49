import Hummingbird
import SekishoCore

/// The unlock link of 【コーデックストレージ】アカウントロック (SPEC H2): the GET shows one button, its
/// POST unlocks. Links that cannot be used offer the password reset instead (SPEC H3).
struct UnlockController: Sendable {
    static let path = "/lo/unblock"

    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions

    func register(_ routes: Routes) {
        routes.get(Self.path, show)
        routes.post(Self.path, unlock)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.ticketPage(
            request, context: context, preview: { try await services.unlock.preview(ticket: $0, client: context.client(request)) },
            render: { person, ticket, csrf in
                pages.page(
                    "unlock", title: "unlock_title", content: TicketFormContent(ticket: ticket, email: person.email.value, feedback: .empty),
                    request: request, context: context, csrf: csrf, referrerPolicy: .noReferrer)
            },
            unusable: { invalidLink(request, context) })
    }

    @Sendable func unlock(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            try await services.unlock.execute(ticket: context.form["ticket"], client: context.client(request))
            return .redirect(to: "/login?notice=unlocked")
        } catch is TicketRejected {
            return invalidLink(request, context)
        }
    }

    private func invalidLink(_ request: Request, _ context: AppRequestContext) -> Response {
        pages.unusableLink(advice: "unlock_invalid_reset", next: (PasswordResetController.forgotPath, "unlock_reset_link"), request: request, context: context)
    }
}

/// A page reached by a mail link whose form carries the ticket on.
struct TicketFormContent: Sendable, Encodable {
    let ticket: String
    let email: String
    let feedback: FormFeedback
}
