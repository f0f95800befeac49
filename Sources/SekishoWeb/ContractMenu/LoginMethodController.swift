import Hummingbird
import SekishoCore

/// 「ログイン方法の設定」 (SPEC F1–F4, manual 2.1): the new email twice and 「メール送信」. A sign-in older
/// than ``RecentSignIn/window`` goes to the password first (``StepUpController``); a free trial gets
/// a page saying why not.
/// The mailed link is completed by ``EmailChangeLinkController``.
struct LoginMethodController: Sendable {
    static let path = "\(ContractMenuController.path)/login_method"

    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.contractMenuGet(Self.path) { request, context in
            do {
                try services.contractMenu.changeLoginEmail.requireAvailable(in: context.activeSession)
                return form(FormFeedback.empty, request: request, context: context)
            } catch let refusal as LoginEmailChangeRefused {
                return refused(refusal, request: request, context: context)
            }
        }
        routes.contractMenuPost(Self.path, send)
        routes.contractMenuGet("\(Self.path)/sent") { request, context in
            pages.message(
                title: "login_method_sent_title", paragraphs: ["login_method_sent", "login_method_note"],
                links: [(ContractMenuController.path, "password_change_back")], request: request, context: context, status: .ok)
        }
    }

    @Sendable func send(_ request: Request, context: ContractMenuContext) async throws -> Response {
        let fields = [ChangeLoginEmail.Field.email, ChangeLoginEmail.Field.confirmation]
        do {
            try await services.contractMenu.changeLoginEmail.request(
                in: context.activeSession, email: context.form[fields[0]], confirmation: context.form[fields[1]],
                client: context.client(request))
            return .redirect(to: "\(Self.path)/sent")
        } catch let errors as FormErrors {
            let feedback = FormFeedback(
                form: context.form, keeping: fields, errors: errors, strings: services.strings, language: context.language)
            return form(feedback, request: request, context: context, status: .unprocessableContent)
        } catch let refusal as LoginEmailChangeRefused {
            return refused(refusal, request: request, context: context)
        }
    }

    private func refused(_ refusal: LoginEmailChangeRefused, request: Request, context: ContractMenuContext) -> Response {
        switch refusal {
        case .freeTrial:
            pages.message(
                title: "contract_menu_login_method", paragraphs: ["login_method_trial"],
                links: [(PlanAndRouteController.path, "contract_menu_plan"), (ContractMenuController.path, "password_change_back")],
                request: request, context: context, status: .forbidden)
        }
    }

    private func form(_ feedback: FormFeedback, request: Request, context: ContractMenuContext, status: HTTPResponse.Status = .ok) -> Response {
        pages.page("contract_login_method", title: "contract_menu_login_method", content: LoginMethodContent(feedback: feedback),
                   request: request, context: context, status: status)
    }
}

struct LoginMethodContent: Sendable, Encodable {
    let feedback: FormFeedback
}
