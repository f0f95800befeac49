import Hummingbird
import SekishoCore

/// 「契約情報変更メニュー」 (SPEC J2) and 「パスワード変更」 (SPEC G1), behind the contract menu's own
/// sign-in (``SignInEntrance/contractMenu``).
struct ContractMenuController: Sendable {
    static let path = "/contract"
    static let signInPath = "/contract/login"

    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.contractMenuGet(Self.path, menu)
        routes.contractMenuPost("\(Self.path)/leave", leave)
        routes.contractMenuGet("\(Self.path)/password") { request, context in
            try ContractMenu.require(.passwordChange, for: context.account)
            return passwordForm(errors: FormErrors(), request: request, context: context)
        }
        routes.contractMenuPost("\(Self.path)/password", changePassword)
        routes.contractMenuGet("\(Self.path)/password/done") { request, context in
            pages.page("contract_password_done", title: "contract_menu_password", content: EmptyContent(), request: request, context: context)
        }
    }

    @Sendable func menu(_ request: Request, context: ContractMenuContext) async throws -> Response {
        let items = ContractMenu.items(for: context.account).map { item in
            ContractMenuContent.Item(
                id: item.rawValue, label: services.strings.text("contract_menu_\(item.rawValue)", context.language),
                link: "\(Self.path)/\(item.rawValue)", isTop: item == .top)
        }
        let notice = request.uri.queryParameters.get("notice") == "email_changed"
            ? services.strings.text("contract_menu_email_changed", context.language) : nil
        return pages.page(
            "contract_menu", title: "contract_menu_title", content: ContractMenuContent(items: items, notice: notice),
            request: request, context: context)
    }

    /// 「トップ画面へ」: ends the contract menu's session and goes to the portal's sign-in.
    @Sendable func leave(_ request: Request, context: ContractMenuContext) async throws -> Response {
        try await services.signOut.execute(context.activeSession, client: context.client(request))
        var response = Response.redirect(to: "/login")
        response.setCookie(cookies.clearSession())
        return response
    }

    @Sendable func changePassword(_ request: Request, context: ContractMenuContext) async throws -> Response {
        let form = context.form
        do {
            try await services.contractMenu.changePassword.execute(
                in: context.activeSession, current: form[ChangePassword.Field.current], password: form[ChangePassword.Field.password],
                confirmation: form[ChangePassword.Field.confirmation], client: context.client(request))
            return .redirect(to: "\(Self.path)/password/done")
        } catch let errors as FormErrors {
            return passwordForm(errors: errors, request: request, context: context, status: .unprocessableContent)
        } catch is AccountLocked {
            return passwordForm(errors: FormErrors(), failure: "login_locked", request: request, context: context, status: .unprocessableContent)
        } catch let throttle as ClientThrottled {
            return pages.throttled(throttle, request: request, context: context)
        }
    }

    private func passwordForm(
        errors: FormErrors, failure: String? = nil, request: Request, context: ContractMenuContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let feedback = FormFeedback(values: [:], errors: errors, strings: services.strings, language: context.language)
        return pages.page("contract_password", title: "contract_menu_password", content: PasswordChangeContent(
            feedback: feedback, failure: failure.map { services.strings.text($0, context.language) }),
                          request: request, context: context, status: status)
    }
}

struct ContractMenuContent: Sendable, Encodable {
    struct Item: Sendable, Encodable {
        let id: String
        let label: String
        let link: String
        let isTop: Bool
    }

    let items: [Item]
    let notice: String?
}

struct PasswordChangeContent: Sendable, Encodable {
    let feedback: FormFeedback
    let failure: String?
}
