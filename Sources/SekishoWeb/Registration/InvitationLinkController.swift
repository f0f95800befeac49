import Hummingbird
import SekishoCore

/// 利用者登録 by the invitation link (SPEC E2, E3): the password twice and 「登録」, the confirmation
/// page and 「確認」, then the sign-in page. The Google/Facebook buttons lead to their entrances.
struct InvitationLinkController: Sendable {
    static let path = "/register"

    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions
    let federation: FederationStart

    func register(_ routes: Routes) {
        routes.get(Self.path, show)
        routes.post(Self.path, choosePassword)
        routes.post("/register/confirm", confirm)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.ticketPage(
            request, context: context, preview: { try await services.invitedRegistration.preview(ticket: $0, client: context.client(request)) },
            render: { account, ticket, csrf in
                page("register", account, ticket: ticket, feedback: .empty, request: request, context: context, csrf: csrf)
            },
            unusable: { invalidLink(request, context) })
    }

    @Sendable func choosePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let ticket = form["ticket"]
        do {
            if let provider = FederationStart.provider(in: form) {
                return try await federation.redirect(
                    provider, purpose: .invitation(try TokenDigest(ofTicket: ticket)), request: request, context: context)
            }
            let account = try await services.invitedRegistration.choosePassword(
                ticket: ticket, password: form[InvitedRegistration.Field.password],
                confirmation: form[InvitedRegistration.Field.confirmation], client: context.client(request))
            return page("register_confirm", account, ticket: ticket, feedback: .empty, request: request, context: context, csrf: nil)
        } catch let errors as FormErrors {
            let account = try await services.invitedRegistration.preview(ticket: ticket, client: context.client(request))
            let feedback = FormFeedback(form: form, keeping: [], errors: errors, strings: services.strings, language: context.language)
            var response = page("register", account, ticket: ticket, feedback: feedback, request: request, context: context, csrf: nil)
            response.status = .unprocessableContent
            return response
        } catch is TicketRejected {
            return invalidLink(request, context)
        }
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            try await services.invitedRegistration.confirm(ticket: context.form["ticket"], client: context.client(request))
            return .redirect(to: "/login?notice=registered")
        } catch is TicketRejected {
            return invalidLink(request, context)
        }
    }

    private func page(
        _ template: String, _ account: Account, ticket: String?, feedback: FormFeedback, request: Request, context: AppRequestContext,
        csrf: String?
    ) -> Response {
        let content = RegistrationContent(
            ticket: ticket ?? "", name: account.person.name, email: account.person.email.value, contractName: account.contract.name,
            role: services.strings.text("role_\(account.person.role.rawValue)", context.language), feedback: feedback)
        return pages.page(template, title: "register_title", content: content, request: request, context: context, csrf: csrf,
                          referrerPolicy: .noReferrer)
    }

    private func invalidLink(_ request: Request, _ context: AppRequestContext) -> Response {
        pages.unusableLink(advice: "register_invalid_ask_admin", next: ("/login", "back_to_top"), request: request, context: context)
    }
}

/// 利用者登録 and its confirmation: who is being registered, for which contract.
struct RegistrationContent: Sendable, Encodable {
    let ticket: String
    let name: String
    let email: String
    let contractName: String
    let role: String
    let feedback: FormFeedback
}
