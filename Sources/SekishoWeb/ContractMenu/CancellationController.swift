import Hummingbird
import SekishoCore

/// 「解約」 (SPEC J4): what cancelling does, the box to agree and the password again; then every
/// session of the contract ends, this one too, and the page says it is done.
struct CancellationController: Sendable {
    static let path = "\(ContractMenuController.path)/cancel"

    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.contractMenuGet(Self.path) { request, context in
            try ContractMenu.require(.cancellation, for: context.account)
            if context.account.person.loginMethod != .password, !services.recentSignIn.isRecent(context.activeSession) {
                // A Google or Facebook contractor, who has no password to enter, signs in again first.
                throw RecentSignInRequired()
            }
            return page(request: request, context: context)
        }
        routes.contractMenuPost(Self.path, cancel)
    }

    @Sendable func cancel(_ request: Request, context: ContractMenuContext) async throws -> Response {
        let form = context.form
        do {
            try await services.contractMenu.cancel.execute(
                in: context.activeSession, password: form[CancelContract.Field.password],
                confirmation: form[CancelContract.Field.confirmation], client: context.client(request))
        } catch let errors as FormErrors {
            return page(errors: errors, request: request, context: context, status: .unprocessableContent)
        } catch is AccountLocked {
            return page(failure: "login_locked", request: request, context: context, status: .unprocessableContent)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        } catch ContractClosed.cancelled {
            // Another request cancelled it first: the outcome is the same.
        }
        var response = pages.message(
            title: "cancel_done_title", paragraphs: ["cancel_done_body"], links: [("/login", "back_to_top")],
            request: request, context: context, status: .ok)
        response.setCookie(cookies.clearSession())
        return response
    }

    private func page(
        errors: FormErrors = FormErrors(), failure: String? = nil, request: Request, context: ContractMenuContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = CancellationContent(
            contractName: context.account.contract.name,
            erasureDate: JapanTime.date(services.contractMenu.cancel.erasureDateIfCancelledNow()),
            email: context.account.person.email.value, passwordNeeded: context.account.person.loginMethod == .password,
            feedback: FormFeedback(values: [:], errors: errors, strings: services.strings, language: context.language),
            failure: failure.map { services.strings.text($0, context.language) })
        return pages.page("contract_cancel", title: "contract_menu_cancel", content: content, request: request, context: context, status: status)
    }
}

struct CancellationContent: Sendable, Encodable {
    let contractName: String
    let erasureDate: String
    let email: String
    /// Google and Facebook contractors have no password: a recent sign-in stands for it.
    let passwordNeeded: Bool
    let feedback: FormFeedback
    let failure: String?
}
