import Foundation
import Hummingbird
import SekishoCore

/// SMS (SPEC C3): the number, the code page, resending.
extension TwoStepController {
    @Sendable func showPhoneForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        guard try await services.twoStep.prompt(for: session) == .chooseMethod else { return .redirect(to: Self.path) }
        return phonePage(problem: nil, request: request, context: context)
    }

    @Sendable func startSMS(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        do {
            try await services.twoStep.startSMS(
                session, phone: context.form[TwoStepVerification.Field.phone], client: context.client(request))
            return .redirect(to: "/two-step/sms/code")
        } catch let problem as any TwoStepProblem {
            return phonePage(problem: problem, request: request, context: context)
        }
    }

    @Sendable func showSMSCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let notice = request.uri.queryParameters.get("notice") == "sent" ? "two_step_sms_sent_notice" : nil
        return try await smsCodePage(try partialSession(context), notice: notice, request: request, context: context)
    }

    /// 「コードを送信」 / 「コードを再送信」: a new code replaces the older one.
    @Sendable func sendSMSCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        do {
            try await services.twoStep.sendSMSCode(session, client: context.client(request))
            return .redirect(to: "/two-step/sms/code?notice=sent")
        } catch let problem as any TwoStepProblem {
            return try await smsCodePage(session, problem: problem, request: request, context: context)
        }
    }

    @Sendable func verifySMSCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        let form = context.form
        do {
            let outcome = try await services.twoStep.verifySMSCode(
                session, code: form[TwoStepVerification.Field.code], remember: isTicked(form, TwoStepVerification.Field.remember),
                client: context.client(request))
            return respond(outcome, request: request)
        } catch let problem as any TwoStepProblem {
            return try await smsCodePage(session, problem: problem, request: request, context: context)
        }
    }

    private func phonePage(problem: (any TwoStepProblem)?, request: Request, context: AppRequestContext) -> Response {
        let content = PhoneFormContent(
            phone: context.form[TwoStepVerification.Field.phone] ?? "",
            failure: problem?.message(strings: services.strings, language: context.language),
            feedback: problem?.feedback(context.form, strings: services.strings, language: context.language) ?? .empty)
        return pages.page("two_step_sms_phone", title: "two_step_title", content: content, request: request, context: context,
                          status: problem?.status ?? .ok)
    }

    private func smsCodePage(
        _ session: ActiveSession, notice: String? = nil, problem: (any TwoStepProblem)? = nil, request: Request,
        context: AppRequestContext
    ) async throws -> Response {
        let status = try await services.twoStep.smsStatus(session)
        let content = CodeFormContent(
            action: "/two-step/sms/code", isAuthenticator: false, enrolment: nil, phone: status.phone.masked,
            codeSent: status.codeSent, notice: notice.map { services.strings.text($0, context.language) },
            failure: problem?.message(strings: services.strings, language: context.language),
            feedback: problem?.feedback(context.form, strings: services.strings, language: context.language) ?? .empty,
            remember: isTicked(context.form, TwoStepVerification.Field.remember), showLostDevice: status.isEnrolled,
            offersSecurityKey: try await services.twoStep.hasSecurityKeys(session))
        return pages.page("two_step_code", title: "two_step_title", content: content, request: request, context: context,
                          status: problem?.status ?? .ok)
    }
}
