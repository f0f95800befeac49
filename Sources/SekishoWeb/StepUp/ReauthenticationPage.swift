import Hummingbird
import SekishoCore

/// The page of ``RecentSignIn``: the password and a code of the person's two-step method again (an
/// SMS person first has one sent), or, for a Google or Facebook person, the provider's button, which
/// signs in again (a new, recent session). The same page serves the portal and the contract menu;
/// `next` is where it leads back to.
struct ReauthenticationPage: Sendable {
    let services: WebServices
    let pages: PageResponder

    /// `failure` is a sentence already in the page's language.
    func render<Area>(
        next: String, errors: FormErrors = FormErrors(), failure: String? = nil, smsSent: Bool = false, status: HTTPResponse.Status,
        request: Request, context: SignedInAreaContext<Area>
    ) async throws -> Response {
        let person = context.account.person
        let provider = FederationProvider(person.loginMethod)
        let method = provider == nil ? try await services.twoStep.stepUpMethod(of: person) : nil
        let securityKey = method == nil ? nil : try await services.twoStep.securityKeyRequest(for: context.activeSession)
        let text = { (key: String) in services.strings.text(key, context.language) }
        let portal = Area.scope == .portal
        let content = PasswordAgainContent(
            action: StepUpController.path(for: Area.scope), next: next, email: person.email.value,
            feedback: FormFeedback(values: [:], errors: errors, strings: services.strings, language: context.language),
            failure: failure, provider: provider?.rawValue, providerLabel: provider.map { text("reauth_provider_\($0.rawValue)") },
            providerAction: portal ? "/login" : ContractMenuController.signInPath, providerAgain: portal,
            providerIntro: text(portal ? "reauth_intro_provider_portal" : "reauth_intro_provider"),
            intro: text(method == nil ? "reauth_intro" : "reauth_intro_code"), code: method.map { text("reauth_code_\($0.rawValue)") },
            sms: method == .sms, smsAction: "\(StepUpController.path(for: Area.scope))/sms",
            smsSent: smsSent ? text("reauth_sms_sent") : nil, securityKeyOptions: securityKey.map(SecurityKeyOptions.json),
            back: StepUpController.home(for: Area.scope), backLabel: text(portal ? "admin_back_home" : "password_change_back"))
        return pages.page(
            "reauth", title: provider == nil ? "reauth_title" : "reauth_title_provider", content: content, request: request,
            context: context, status: status)
    }
}

/// The identity asked again (``RecentSignIn``).
struct PasswordAgainContent: Sendable, Encodable {
    let action: String
    /// The page to go back to: a local path (``LocalRedirect``).
    let next: String
    let email: String
    let feedback: FormFeedback
    let failure: String?
    /// `google` or `facebook` for a person without a password.
    let provider: String?
    let providerLabel: String?
    /// The sign-in the provider's button posts to: the portal's, or the contract menu's.
    let providerAction: String
    /// The portal's button asks for a sign-in again (``FederationPurpose/signInAgain``); the
    /// contract menu's own sign-in always does.
    let providerAgain: Bool
    let providerIntro: String
    let intro: String
    /// The label of the code field, with a confirmed two-step registration.
    let code: String?
    /// The person's method is SMS: a button sends the code first.
    let sms: Bool
    let smsAction: String
    let smsSent: String?
    /// The options of the security-key form, for a person with a registered key.
    let securityKeyOptions: String?
    let back: String
    let backLabel: String
}
