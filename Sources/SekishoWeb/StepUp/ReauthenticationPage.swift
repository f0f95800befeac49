import Hummingbird
import SekishoCore

/// The page of ``RecentSignIn``: the password again, or, for a Google or Facebook person, the
/// provider's button, which signs in to the contract menu again (a new, recent session).
struct ReauthenticationPage: Sendable {
    let services: WebServices
    let pages: PageResponder

    func render(
        action: String, errors: FormErrors = FormErrors(), failure: String? = nil, status: HTTPResponse.Status, request: Request,
        context: ContractMenuContext
    ) -> Response {
        let person = context.account.person
        let provider = FederationProvider(person.loginMethod)
        let content = PasswordAgainContent(
            action: action, email: person.email.value,
            feedback: FormFeedback(values: [:], errors: errors, strings: services.strings, language: context.language),
            failure: failure.map { services.strings.text($0, context.language) }, provider: provider?.rawValue,
            providerLabel: provider.map { services.strings.text("reauth_provider_\($0.rawValue)", context.language) })
        return pages.page(
            "contract_reauth", title: provider == nil ? "reauth_title" : "reauth_title_provider", content: content, request: request,
            context: context, status: status)
    }
}

/// The identity asked again (``RecentSignIn``).
struct PasswordAgainContent: Sendable {
    let action: String
    let email: String
    let feedback: FormFeedback
    let failure: String?
    /// `google` or `facebook` for a person without a password.
    let provider: String?
    let providerLabel: String?
}
