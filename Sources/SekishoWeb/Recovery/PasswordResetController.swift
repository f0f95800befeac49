import Hummingbird
import SekishoCore

/// 「パスワードを忘れた方はこちら」 and the reset link (SPEC H4, H5). The request's answer is the same
/// page whether or not the email has an account (H6).
struct PasswordResetController: Sendable {
    static let forgotPath = "/password/forgot"
    static let resetPath = "/lo/reset"

    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions

    func register(_ routes: Routes) {
        routes.get(Self.forgotPath, showForgotForm)
        routes.post(Self.forgotPath, requestReset)
        routes.get(Self.resetPath, showResetForm)
        routes.post(Self.resetPath, reset)
    }

    @Sendable func showForgotForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.page(for: context) { csrf in
            pages.page("forgot", title: "forgot_title", content: ForgotContent(feedback: .empty), request: request,
                       context: context, csrf: csrf)
        }
    }

    /// Posted by this page's form or by the sign-in form's 「パスワードを忘れた方はこちら」 button, which
    /// sends the email typed there. Without an email the form asks for one.
    @Sendable func requestReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        do {
            try await services.requestReset.execute(email: form[RequestPasswordReset.Field.email], client: context.client(request))
            return pages.message(
                title: "forgot_sent_title", paragraphs: ["forgot_sent_body", "forgot_sent_note"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .ok)
        } catch let errors as FormErrors {
            // An empty email from the sign-in page is a request for this form, not a mistake.
            let empty = (form[RequestPasswordReset.Field.email] ?? "").isEmpty && form["from"] == "login"
            let feedback = FormFeedback(
                form: form, keeping: [RequestPasswordReset.Field.email], errors: empty ? FormErrors() : errors,
                strings: services.strings, language: context.language)
            return pages.page("forgot", title: "forgot_title", content: ForgotContent(feedback: feedback), request: request,
                              context: context, status: empty ? .ok : .unprocessableContent)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        }
    }

    @Sendable func showResetForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await forms.ticketPage(
            request, context: context, preview: { try await services.resetPassword.preview(ticket: $0, client: context.client(request)) },
            render: { person, ticket, csrf in
                resetForm(TicketFormContent(ticket: ticket, email: person.email.value, feedback: .empty),
                          request: request, context: context, csrf: csrf, status: .ok)
            },
            unusable: { invalidLink(request, context) })
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let ticket = form["ticket"]
        do {
            let outcome = try await services.resetPassword.execute(
                ticket: ticket, password: form[ResetPassword.Field.password], confirmation: form[ResetPassword.Field.confirmation],
                client: context.client(request))
            return pages.message(
                title: "reset_title", paragraphs: ["reset_done"] + (outcome.twoStepReset ? ["reset_done_two_step"] : []),
                links: [("/login", "reset_done_ok")], request: request, context: context, status: .ok, referrerPolicy: .noReferrer)
        } catch let errors as FormErrors {
            let person = try? await services.resetPassword.preview(ticket: ticket, client: context.client(request))
            let feedback = FormFeedback(form: form, keeping: [], errors: errors, strings: services.strings, language: context.language)
            return resetForm(TicketFormContent(ticket: ticket ?? "", email: person?.email.value ?? "", feedback: feedback),
                             request: request, context: context, csrf: nil, status: .unprocessableContent)
        } catch is TicketRejected {
            return invalidLink(request, context)
        }
    }

    private func resetForm(
        _ content: TicketFormContent, request: Request, context: AppRequestContext, csrf: String?, status: HTTPResponse.Status
    ) -> Response {
        pages.page("reset", title: "reset_title", content: content, request: request, context: context, csrf: csrf, status: status,
                   referrerPolicy: .noReferrer)
    }

    private func invalidLink(_ request: Request, _ context: AppRequestContext) -> Response {
        pages.unusableLink(advice: "reset_invalid_again", next: (Self.forgotPath, "reset_request_again"), request: request, context: context)
    }
}

struct ForgotContent: Sendable, Encodable {
    let feedback: FormFeedback
}
