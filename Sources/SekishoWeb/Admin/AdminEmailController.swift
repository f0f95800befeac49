import Hummingbird
import SekishoCore

/// 詳細 → メールアドレス変更 (SPEC F5): the new email, 送信, a confirmation page, OK → the mail to the
/// new address.
struct AdminEmailController: Sendable {
    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.signedInGet("/admin/users/:id/email") { request, context in
            let detail = try await services.admin.console.detail(of: context.parameters.get("id"), for: context.account)
            try services.recentSignIn.require(context.account)
            return page("admin_email", detail.summary.person, email: "", errors: FormErrors(), request: request, context: context)
        }
        routes.signedInPost("/admin/users/:id/email", check)
        routes.signedInPost("/admin/users/:id/email/confirm", send)
    }

    /// 送信: the confirmation page, or the form with the reason.
    @Sendable func check(_ request: Request, context: SignedInContext) async throws -> Response {
        let email = context.form[EmailChange.Field.email]
        do {
            let (person, address) = try await services.admin.emailChange.check(
                person: context.parameters.get("id"), email: email, by: context.account)
            return page("admin_email_confirm", person, email: address.value, errors: FormErrors(), request: request, context: context)
        } catch let errors as FormErrors {
            return try await formAgain(email, errors, request, context)
        }
    }

    /// OK: checks again (the page may be stale) and mails the link.
    @Sendable func send(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = context.parameters.get("id")
        let email = context.form[EmailChange.Field.email]
        do {
            try await services.admin.emailChange.request(person: id, email: email, by: context.account, client: context.client(request))
            return .redirect(to: "/admin/users/\(id ?? "")?notice=email_change_sent")
        } catch let errors as FormErrors {
            return try await formAgain(email, errors, request, context)
        }
    }

    private func formAgain(_ email: String?, _ errors: FormErrors, _ request: Request, _ context: SignedInContext) async throws -> Response {
        let detail = try await services.admin.console.detail(of: context.parameters.get("id"), for: context.account)
        var response = page("admin_email", detail.summary.person, email: email ?? "", errors: errors, request: request, context: context)
        response.status = .unprocessableContent
        return response
    }

    private func page(
        _ template: String, _ person: Person, email: String, errors: FormErrors, request: Request, context: SignedInContext
    ) -> Response {
        let feedback = FormFeedback(
            values: [EmailChange.Field.email: email], errors: errors, strings: services.strings, language: context.language)
        let content = AdminFormContent(
            personID: person.id.rawValue, name: person.name, currentEmail: person.email.value, feedback: feedback, adminChecked: false)
        return pages.page(template, title: "admin_email_title", content: content, request: request, context: context)
    }
}
