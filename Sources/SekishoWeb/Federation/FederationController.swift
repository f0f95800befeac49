import Hummingbird
import SekishoCore

/// The providers' redirects back (`/auth/<provider>/callback`, one per provider: the path is part
/// of the mix-up defence) and 「確認」 after a provider on a mail link (SPEC B4, E2, F4). Both pages
/// send `Referrer-Policy: no-referrer`, since their URL or form carries single-use values.
struct FederationController: Sendable {
    let services: WebServices
    let pages: PageResponder
    let federationPages: FederationPages
    let cookies: CookieJar

    func register(_ routes: Routes) {
        for provider in FederationProvider.allCases {
            // The buttons post their page's form; a bookmarked address leads to the sign-in page.
            routes.get("/auth/\(provider.rawValue)") { _, _ in .redirect(to: "/login") }
            routes.get("/auth/\(provider.rawValue)/callback") { try await callback($0, $1, provider: provider) }
            routes.post("/auth/\(provider.rawValue)/confirm") { try await confirm($0, $1, provider: provider) }
        }
    }

    /// Every answer of the callback, redirects included, sends `no-referrer`: its URL holds the code.
    @Sendable func callback(_ request: Request, _ context: AppRequestContext, provider: FederationProvider) async throws -> Response {
        var response = try await answer(request, context, provider: provider)
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    private func answer(_ request: Request, _ context: AppRequestContext, provider: FederationProvider) async throws -> Response {
        let query = request.uri.queryParameters
        let parameters = ProviderCallback(
            state: query.get("state"), code: query.get("code"), error: query.get("error"), issuer: query.get("iss"))
        do {
            switch try await services.federation.finish.execute(
                provider, callback: parameters, session: context.session, client: context.client(request)) {
            case .signedIn(let signedIn, let scope):
                let returnPath = cookies.returnPath(in: request)
                let landing = scope == .contractMenu ? ContractMenuController.path : services.settings.landing(returnPath)
                var response = Response.redirect(
                    to: signedIn.stage == .signedIn ? landing : PartialSessionMiddleware.path(for: signedIn.stage))
                response.setCookie(cookies.session(signedIn.token))
                if returnPath != nil, signedIn.stage == .signedIn { response.setCookie(cookies.clearReturnPath()) }
                return response
            case .confirmRegistration(let confirmation):
                let content = FederatedConfirmationContent(confirmation, strings: services.strings, language: context.language)
                return pages.page(
                    "federation_confirm", title: "register_confirm_title", content: content, request: request, context: context,
                    referrerPolicy: .noReferrer)
            case .applicationMailed:
                return pages.message(
                    title: "apply_sent_title", paragraphs: ["apply_sent_body", "apply_sent_note"], links: [("/login", "back_to_top")],
                    request: request, context: context, status: .ok, referrerPolicy: .noReferrer)
            }
        } catch let error as FederationError {
            return try await federationPages.refusal(error, provider: provider, request: request, context: context)
        } catch let closed as ContractClosed {
            return pages.closedContract(closed, request: request, context: context)
        }
    }

    @Sendable func confirm(_ request: Request, _ context: AppRequestContext, provider: FederationProvider) async throws -> Response {
        do {
            switch try await services.federation.confirm.execute(
                provider, handle: context.form["handle"], session: context.session, client: context.client(request)) {
            case .registered:
                return .redirect(to: "/login?notice=registered")
            case .emailChanged(.contractMenu):
                return .redirect(to: "\(ContractMenuController.path)?notice=email_changed")
            case .emailChanged(.signInAgain):
                return pages.message(
                    title: "email_change_title", paragraphs: ["email_change_done_provider"], links: [("/login", "back_to_top")],
                    request: request, context: context, status: .ok, referrerPolicy: .noReferrer)
            }
        } catch let error as FederationError {
            return try await federationPages.refusal(error, provider: provider, request: request, context: context)
        } catch is TicketRejected {
            return pages.message(
                title: "ticket_invalid_title", paragraphs: ["ticket_invalid_body", "federation_link_unusable"],
                links: [("/login", "back_to_top")], request: request, context: context, status: .notFound, referrerPolicy: .noReferrer)
        } catch RegistrationError.emailTaken {
            return pages.message(
                title: "email_taken_title", paragraphs: ["email_change_taken"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .conflict, referrerPolicy: .noReferrer)
        }
    }
}

/// 「登録内容の確認」 after a provider: who, which email becomes the ID, and which provider account.
struct FederatedConfirmationContent: Sendable, Encodable {
    let handle: String
    let provider: String
    let method: String
    let providerAccount: String
    let email: String
    let name: String
    let contractName: String
    let changesEmail: Bool

    init(_ confirmation: FederatedConfirmation, strings: Strings, language: Language) {
        handle = confirmation.handle
        provider = confirmation.identity.provider.rawValue
        method = strings.text("login_method_\(confirmation.identity.provider.rawValue)", language)
        providerAccount = [confirmation.identity.name, confirmation.identity.email?.value ?? ""].filter { !$0.isEmpty }.joined(separator: " / ")
        email = confirmation.email.value
        name = confirmation.personName
        contractName = confirmation.contractName
        changesEmail = confirmation.changesEmail
    }
}
