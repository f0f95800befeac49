import Hummingbird
import SekishoCore

/// The link of 【コーデックストレージ】メールアドレス変更登録 (SPEC F4–F6): the new password twice and
/// 「登録」; then the contractor who asked in this browser's contract menu is back in the menu, and
/// everyone else signs in with the new email (and enrols two-step again).
struct EmailChangeLinkController: Sendable {
    static let path = "/lo/email"

    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions
    let federation: FederationStart

    func register(_ routes: Routes) {
        routes.get(Self.path, show)
        routes.post(Self.path, complete)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.ticketPage(
            request, context: context, preview: { try await services.admin.emailChange.preview(ticket: $0, client: context.client(request)) },
            render: { change, ticket, csrf in
                page(change.person, change.email, ticket: ticket, feedback: .empty, request: request, context: context, csrf: csrf)
            },
            unusable: { invalidLink(request, context) })
    }

    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let ticket = form["ticket"]
        do {
            if let provider = FederationStart.provider(in: form) {
                return try await federation.redirect(
                    provider, purpose: .emailChange(try TokenDigest(ofTicket: ticket)), request: request, context: context)
            }
            let outcome = try await services.admin.emailChange.complete(
                ticket: ticket, password: form[EmailChange.Field.password], confirmation: form[EmailChange.Field.confirmation],
                browser: context.session, client: context.client(request))
            if outcome == .contractMenu { return .redirect(to: "\(ContractMenuController.path)?notice=email_changed") }
            return pages.message(
                title: "email_change_title", paragraphs: ["email_change_done", "email_change_done_two_step"],
                links: [("/login", "back_to_top")], request: request, context: context, status: .ok, referrerPolicy: .noReferrer)
        } catch let errors as FormErrors {
            let (person, email) = try await services.admin.emailChange.preview(ticket: ticket, client: context.client(request))
            let feedback = FormFeedback(form: form, keeping: [], errors: errors, strings: services.strings, language: context.language)
            var response = page(person, email, ticket: ticket, feedback: feedback, request: request, context: context, csrf: nil)
            response.status = .unprocessableContent
            return response
        } catch is TicketRejected {
            return invalidLink(request, context)
        } catch RegistrationError.emailTaken {
            return pages.message(
                title: "email_taken_title", paragraphs: ["email_change_taken"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .conflict, referrerPolicy: .noReferrer)
        }
    }

    private func page(
        _ person: Person, _ email: EmailAddress, ticket: String?, feedback: FormFeedback, request: Request, context: AppRequestContext,
        csrf: String?
    ) -> Response {
        let content = RegistrationContent(
            ticket: ticket ?? "", name: person.name, email: email.value, contractName: "", role: "", feedback: feedback)
        return pages.page("email_change", title: "email_change_title", content: content, request: request, context: context,
                          csrf: csrf, referrerPolicy: .noReferrer)
    }

    private func invalidLink(_ request: Request, _ context: AppRequestContext) -> Response {
        pages.unusableLink(advice: "email_change_invalid_ask_admin", next: ("/login", "back_to_top"), request: request, context: context)
    }
}
