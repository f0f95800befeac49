import Foundation
import Hummingbird
import SekishoCore

/// The pages of a provider round trip that did not go on: a sign-in returns to its sign-in page
/// with the reason; a registration gets a page with the reason and a way back.
struct FederationPages: Sendable {
    let services: WebServices
    let pages: PageResponder
    let forms: FormSessions

    func refusal(_ error: FederationError, provider: FederationProvider, request: Request, context: AppRequestContext) async throws -> Response {
        if error.reason == .failed(.notConfigured) {
            return pages.message(
                title: "unavailable_title", paragraphs: ["unavailable_\(provider.rawValue)"], links: [("/login", "back_to_top")],
                request: request, context: context, status: .ok)
        }
        let sentence = text(Self.key(error.reason), provider: provider, context.language)
        let status = Self.status(error.reason)
        switch error.purpose {
        case .signIn(let scope)?:
            let entrance = scope == .contractMenu ? SignInEntrance.contractMenu : .portal
            return try await signInPage(entrance, failure: sentence, status: status, request: request, context: context)
        case .signInAgain?, nil:
            return try await signInPage(.portal, failure: sentence, status: status, request: request, context: context)
        case .application?, .invitation?, .emailChange?:
            let content = MessageContent(
                heading: services.strings.text("federation_failed_title", context.language), paragraphs: [sentence],
                links: [PageLink(href: "/login", label: services.strings.text("back_to_top", context.language))], reference: nil)
            return pages.page("message", title: "federation_failed_title", content: content, request: request, context: context,
                              status: status, referrerPolicy: .noReferrer)
        }
    }

    private func signInPage(
        _ entrance: SignInEntrance, failure: String, status: HTTPResponse.Status, request: Request, context: AppRequestContext
    ) async throws -> Response {
        try await forms.page(for: context) { csrf in
            pages.page(
                "login", title: entrance.title,
                content: LoginContent(entrance, notice: nil, failure: failure, email: "", next: nil, feedback: .empty),
                request: request, context: context, csrf: csrf, status: status, referrerPolicy: .noReferrer)
        }
    }

    /// A sentence of the strings with the provider's name in place of `{provider}`.
    func text(_ key: String, provider: FederationProvider, _ language: Language) -> String {
        services.strings.text(key, language).replacingOccurrences(of: "{provider}", with: provider == .google ? "Google" : "Facebook")
    }

    static func key(_ reason: FederationRefused) -> String {
        switch reason {
        case .notRegistered: "federation_not_registered"
        case .signsInWith(let method): "federation_signs_in_with_\(method.rawValue)"
        case .accountTaken: "federation_account_taken"
        case .failed(.cancelled): "federation_cancelled"
        case .failed(.providerError): "federation_provider_error"
        case .failed(.unreachable): "federation_unreachable"
        case .failed(.invalidResponse): "federation_invalid"
        case .failed(.unknownState), .failed(.notConfigured): "federation_unknown_state"
        }
    }

    static func status(_ reason: FederationRefused) -> HTTPResponse.Status {
        switch reason {
        case .failed(.cancelled): .ok
        case .failed(.unreachable): .badGateway
        case .failed: .badRequest
        case .notRegistered, .signsInWith, .accountTaken: .forbidden
        }
    }
}
