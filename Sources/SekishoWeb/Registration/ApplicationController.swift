import Hummingbird
import SekishoCore

/// 新規契約お申込み (SPEC A2): the form, the "mail sent" page, and the confirmation link's page whose
/// button creates the contract.
struct ApplicationController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions
    let federation: FederationStart

    /// Fields shown again after a problem; passwords never are.
    static let keptFields = [ApplicationForm.Field.companyName, ApplicationForm.Field.name, ApplicationForm.Field.email]

    func register(_ routes: Routes) {
        routes.get("/apply", showForm)
        routes.post("/apply", submit)
        routes.get("/apply/confirm", showConfirmation)
        routes.post("/apply/confirm", confirm)
    }

    @Sendable func showForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.page(for: context) { csrf in
            pages.page(
                "apply", title: "apply_title", content: ApplicationContent(feedback: .empty, plan: nil),
                request: request, context: context, csrf: csrf)
        }
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let application = ApplicationForm(
            companyName: form[ApplicationForm.Field.companyName], applicantName: form[ApplicationForm.Field.name],
            email: form[ApplicationForm.Field.email], plan: form[ApplicationForm.Field.plan],
            password: form[ApplicationForm.Field.password], passwordConfirmation: form[ApplicationForm.Field.passwordConfirmation])
        do {
            if let provider = FederationStart.provider(in: form) {
                return try await federation.redirect(provider, purpose: .application(try application.validateDraft()), request: request, context: context)
            }
            try await services.apply.execute(application, client: context.client(request))
            return pages.message(
                title: "apply_sent_title", paragraphs: ["apply_sent_body", "apply_sent_note"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .ok)
        } catch let errors as FormErrors {
            let feedback = FormFeedback(
                form: form, keeping: Self.keptFields, errors: errors, strings: services.strings, language: context.language)
            return pages.page(
                "apply", title: "apply_title", content: ApplicationContent(feedback: feedback, plan: form[ApplicationForm.Field.plan]),
                request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func showConfirmation(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.ticketPage(
            request, context: context, preview: services.confirmApplication.preview(ticket:),
            render: { application, ticket, csrf in
                let content = ConfirmationContent(
                    ticket: ticket, companyName: application.companyName, name: application.applicantName,
                    email: application.email.value, plan: services.strings.text("plan_\(application.plan.rawValue)", context.language),
                    loginMethod: services.strings.text("login_method_\(application.loginMethod.rawValue)", context.language),
                    provider: application.loginMethod != .password)
                return pages.page(
                    "apply_confirm", title: "confirm_title", content: content, request: request, context: context, csrf: csrf,
                    referrerPolicy: .noReferrer)
            },
            unusable: { invalidLink(request, context) })
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            _ = try await services.confirmApplication.execute(ticket: context.form["ticket"], client: context.client(request))
            return .redirect(to: "/login?notice=applied")
        } catch is TicketRejected {
            return invalidLink(request, context)
        } catch RegistrationError.emailTaken {
            return pages.message(
                title: "email_taken_title", paragraphs: ["email_taken_body"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .conflict, referrerPolicy: .noReferrer)
        } catch FederationRefused.accountTaken(let provider) {
            return try await federation.pages.refusal(
                FederationError(.accountTaken(provider), purpose: nil), provider: provider, request: request, context: context)
        }
    }

    private func invalidLink(_ request: Request, _ context: AppRequestContext) -> Response {
        pages.unusableLink(advice: "ticket_invalid_application", next: ("/apply", "apply_again"), request: request, context: context)
    }
}

struct ApplicationContent: Sendable, Encodable {
    let feedback: FormFeedback
    let planBasic: Bool
    let planTrial: Bool

    init(feedback: FormFeedback, plan: String?) {
        self.feedback = feedback
        self.planBasic = plan == Plan.basic.rawValue
        self.planTrial = plan == Plan.trial.rawValue
    }
}

struct ConfirmationContent: Sendable, Encodable {
    let ticket: String
    let companyName: String
    let name: String
    let email: String
    let plan: String
    /// The login method, so the owner of the address sees whose Google or Facebook account will
    /// sign in to the contract before confirming it.
    let loginMethod: String
    let provider: Bool
}
