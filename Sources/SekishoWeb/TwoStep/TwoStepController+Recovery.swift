import Foundation
import Hummingbird
import SekishoCore

/// The recovery code (SPEC C4, I2): the lost-device form and 「リカバリコードを保存しました」.
extension TwoStepController {
    /// 「デバイスを紛失した場合はこちら」: only for a registration that has a recovery code.
    @Sendable func showRecoveryForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch try await services.twoStep.prompt(for: try partialSession(context)) {
        case .authenticatorCode, .smsCode: return recoveryFormPage(problem: nil, request: request, context: context)
        case .chooseMethod, .saveRecoveryCode: return .redirect(to: Self.path)
        }
    }

    @Sendable func useRecoveryCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        do {
            try await services.twoStep.useRecoveryCode(
                session, code: context.form[TwoStepVerification.Field.recoveryCode], client: context.client(request))
            return .redirect(to: Self.path)
        } catch let problem as any TwoStepProblem {
            return recoveryFormPage(problem: problem, request: request, context: context)
        }
    }

    /// 「>」 under the recovery code: refused until the tick is sent (checked here, on the server).
    @Sendable func confirmRecoveryCodeSaved(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        do {
            let completion = try await services.twoStep.confirmRecoveryCodeSaved(
                session, saved: isTicked(context.form, TwoStepVerification.Field.saved), client: context.client(request))
            return signedIn(completion, to: "/two-step/done")
        } catch let errors as FormErrors {
            guard case .saveRecoveryCode(let code) = try await services.twoStep.prompt(for: session) else {
                throw TwoStepOutOfOrder()
            }
            let feedback = errors.feedback(context.form, strings: services.strings, language: context.language)
            return recoveryCodePage(code, feedback: feedback, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func recoveryFormPage(problem: (any TwoStepProblem)?, request: Request, context: AppRequestContext) -> Response {
        // A refused recovery code is worded for recovery codes, whatever the reason.
        let failure = problem is TwoStepRejected
            ? services.strings.text("two_step_recovery_rejected", context.language)
            : problem?.message(strings: services.strings, language: context.language)
        let content = RecoveryFormContent(
            failure: failure,
            feedback: problem?.feedback(context.form, strings: services.strings, language: context.language) ?? .empty)
        return pages.page("two_step_recovery", title: "two_step_recovery_title", content: content, request: request,
                          context: context, status: problem?.status ?? .ok)
    }
}
