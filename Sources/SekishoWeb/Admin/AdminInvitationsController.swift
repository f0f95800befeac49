import Hummingbird
import SekishoCore

/// 利用者登録 in the admin console (SPEC E1): the form, resending and withdrawing an invitation.
struct AdminInvitationsController: Sendable {
    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.signedInGet("/admin/users/new") { request, context in
            try AdminAccess.require(context.account)
            try services.recentSignIn.require(context.account)
            return form(.empty, admin: false, request: request, context: context, status: .ok)
        }
        routes.signedInPost("/admin/users", invite)
        routes.signedInPost("/admin/users/:id/resend") { request, context in
            let id = context.parameters.get("id")
            try await services.admin.invitations.resend(person: id, by: context.account, client: context.client(request))
            return .redirect(to: "/admin/users/\(id ?? "")?notice=resent")
        }
        routes.signedInPost("/admin/users/:id/withdraw") { request, context in
            try await services.admin.invitations.withdraw(person: context.parameters.get("id"), by: context.account, client: context.client(request))
            return .redirect(to: "/admin/users?notice=withdrawn")
        }
    }

    @Sendable func invite(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = context.form
        let admin = form[Invitations.Field.admin] == "1"
        do {
            let person = try await services.admin.invitations.invite(
                name: form[Invitations.Field.name], email: form[Invitations.Field.email], admin: admin, by: context.account,
                client: context.client(request))
            return .redirect(to: "/admin/users/\(person.id.rawValue)?notice=invited")
        } catch let errors as FormErrors {
            let feedback = FormFeedback(
                form: form, keeping: [Invitations.Field.name, Invitations.Field.email], errors: errors, strings: services.strings,
                language: context.language)
            return self.form(feedback, admin: admin, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func form(
        _ feedback: FormFeedback, admin: Bool, request: Request, context: SignedInContext, status: HTTPResponse.Status
    ) -> Response {
        let content = AdminFormContent(personID: "", name: "", currentEmail: "", feedback: feedback, adminChecked: admin)
        return pages.page("admin_invite", title: "admin_invite_title", content: content, request: request, context: context, status: status)
    }
}
