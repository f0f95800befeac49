import Foundation
import Hummingbird
import SekishoCore

/// 「セキュリティキーを使う」 at the second step: the page asks the browser for one of the person's
/// keys and posts its answer. Offered from the code page to people who registered a key.
extension TwoStepController {
    static let securityKeyPath = "/two-step/key"

    @Sendable func showSecurityKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await securityKeyPage(try partialSession(context), request: request, context: context)
    }

    @Sendable func verifySecurityKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        do {
            let outcome = try await services.twoStep.verifySecurityKey(
                session, response: SecurityKeyAssertion(form: context.form),
                remember: isTicked(context.form, TwoStepVerification.Field.remember),
                client: context.client(request))
            return respond(outcome, request: request)
        } catch let problem as any TwoStepProblem {
            return try await securityKeyPage(session, problem: problem, request: request, context: context)
        }
    }

    /// The page with a new challenge; someone without keys, or at another step, goes back to ``path``.
    private func securityKeyPage(
        _ session: ActiveSession, problem: (any TwoStepProblem)? = nil, request: Request, context: AppRequestContext
    ) async throws -> Response {
        guard session.record.stage == .twoStep, let options = try await services.twoStep.securityKeyRequest(for: session) else {
            return .redirect(to: Self.path)
        }
        // A form without an answer (no script ran) has no sentence of its own: it gets the key's.
        let failure = problem.map {
            $0.message(strings: services.strings, language: context.language) ?? services.strings.text("security_key_rejected", context.language)
        }
        let content = SecurityKeySignInContent(
            options: SecurityKeyOptions.json(options), failure: failure, remember: isTicked(context.form, TwoStepVerification.Field.remember))
        return pages.page("two_step_key", title: "two_step_title", content: content, request: request, context: context,
                          status: problem?.status ?? .ok)
    }
}

/// The second step by security key: the options for the script and 「このブラウザを一定期間、記憶する」.
struct SecurityKeySignInContent: Sendable, Encodable {
    let options: String
    let failure: String?
    let remember: Bool
}

extension SecurityKeyRejected: TwoStepProblem {
    func message(strings: Strings, language: Language) -> String? {
        strings.text("security_key_rejected", language)
    }
}
