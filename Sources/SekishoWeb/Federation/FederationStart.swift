import Hummingbird
import SekishoCore

/// The provider buttons of the sign-in, application, invitation and email-change forms: each is a
/// submit button `name="provider" value="google"` of its page's form, so its controller keeps its
/// own error pages and calls ``redirect(_:purpose:request:context:)`` when one was pressed.
struct FederationStart: Sendable {
    static let field = "provider"

    let services: WebServices
    let pages: FederationPages

    /// The provider whose button was pressed, if any.
    static func provider(in form: FormBody) -> FederationProvider? {
        form[field].flatMap(FederationProvider.init(rawValue:))
    }

    /// Redirects to the provider, or answers with the page that says why not. Throws
    /// ``TicketRejected`` for the controller's unusable-link page.
    func redirect(
        _ provider: FederationProvider, purpose: FederationPurpose, request: Request, context: AppRequestContext
    ) async throws -> Response {
        guard let session = context.session else { throw HTTPError(.badRequest) }
        do {
            let url = try await services.federation.start.execute(provider, purpose: purpose, session: session, client: context.client(request))
            return .redirect(to: url)
        } catch let error as FederationError {
            return try await pages.refusal(error, provider: provider, request: request, context: context)
        } catch let throttle as ClientThrottled {
            return pages.pages.throttled(throttle, request: request, context: context)
        }
    }
}
