import Foundation
import Hummingbird
import QRCode
import SekishoCore

/// 2段階認証 (SPEC B3, C1–C6, I2): the pages of a partial session. Each handler calls one use case of
/// ``TwoStepVerification``; a step asked for out of order goes back to ``path``, which decides again.
struct TwoStepController: Sendable {
    static let path = "/two-step"

    let services: WebServices
    let pages: PageResponder
    let cookies: CookieJar

    func register(_ routes: Routes) {
        routes.get(Self.path, show)
        routes.get("/two-step/app", showAuthenticator)
        routes.post("/two-step/app", verifyAuthenticator)
        routes.get("/two-step/sms", showPhoneForm)
        routes.post("/two-step/sms", startSMS)
        routes.get("/two-step/sms/code", showSMSCode)
        routes.post("/two-step/sms/send", sendSMSCode)
        routes.post("/two-step/sms/code", verifySMSCode)
        routes.get("/two-step/recovery", showRecoveryForm)
        routes.post("/two-step/recovery", useRecoveryCode)
        routes.post("/two-step/recovery-code", confirmRecoveryCodeSaved)
        routes.get("/two-step/done", done)
        routes.get(Self.securityKeyPath, showSecurityKey)
        routes.post(Self.securityKeyPath, verifySecurityKey)
    }

    /// The page the partial session is at: the method choice, a code form, or the recovery code.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session, session.record.stage.isPartial else {
            return .redirect(to: context.session?.isSignedIn == true ? "/home" : "/login")
        }
        if session.record.stage == .lineNotice { return .redirect(to: LineNoticeController.path) }
        switch try await services.twoStep.prompt(for: session) {
        case .chooseMethod:
            return pages.page("two_step_choose", title: "two_step_title", content: EmptyContent(), request: request, context: context)
        case .authenticatorCode:
            return try await authenticatorPage(session, request: request, context: context)
        case .smsCode:
            return .redirect(to: "/two-step/sms/code")
        case .saveRecoveryCode(let code):
            return recoveryCodePage(code, feedback: .empty, request: request, context: context, status: .ok)
        }
    }

    @Sendable func showAuthenticator(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await authenticatorPage(try partialSession(context), request: request, context: context)
    }

    @Sendable func verifyAuthenticator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try partialSession(context)
        let form = context.form
        do {
            let outcome = try await services.twoStep.verifyAuthenticatorCode(
                session, code: form[TwoStepVerification.Field.code], remember: isTicked(form, TwoStepVerification.Field.remember),
                client: context.client(request))
            return respond(outcome, request: request)
        } catch let problem as any TwoStepProblem {
            return try await authenticatorPage(session, problem: problem, request: request, context: context)
        }
    }

    /// 「ログインする」 after the recovery code was saved (SPEC C4), for a session of either scope: it
    /// leads on to the portal or to the contract menu.
    @Sendable func done(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.session?.record.stage.isPartial == true { throw TwoStepRequired() }
        guard context.session?.isSignedIn == true else { throw SignInRequired() }
        let next = services.settings.landing(cookies.returnPath(in: request))
        var response = pages.page("two_step_done", title: "two_step_done_title", content: TwoStepDoneContent(next: next),
                                  request: request, context: context)
        if cookies.returnPath(in: request) != nil { response.setCookie(cookies.clearReturnPath()) }
        return response
    }

    /// The authenticator code page; while enrolling, with the QR code and the key as text. Anyone whose
    /// next step is something else goes back to ``path``.
    func authenticatorPage(
        _ session: ActiveSession, problem: (any TwoStepProblem)? = nil, request: Request, context: AppRequestContext
    ) async throws -> Response {
        var enrolment: AuthenticatorEnrolmentView?
        switch try await services.twoStep.prompt(for: session) {
        case .authenticatorCode: break
        case .smsCode, .saveRecoveryCode: return .redirect(to: Self.path)
        case .chooseMethod:
            let setup = try await services.twoStep.startAuthenticator(session, client: context.client(request))
            let qr = try QRCode(encoding: setup.uri)
            enrolment = AuthenticatorEnrolmentView(
                qrSVG: qr.svg(moduleSize: 5, title: services.strings.text("two_step_app_qr_label", context.language)),
                secret: setup.key.grouped, uri: setup.uri)
        }
        let content = CodeFormContent(
            action: "/two-step/app", isAuthenticator: true, enrolment: enrolment, phone: nil, codeSent: true, notice: nil,
            failure: problem?.message(strings: services.strings, language: context.language),
            feedback: problem?.feedback(context.form, strings: services.strings, language: context.language) ?? .empty,
            remember: isTicked(context.form, TwoStepVerification.Field.remember), showLostDevice: enrolment == nil,
            offersSecurityKey: try await services.twoStep.hasSecurityKeys(session))
        return pages.page("two_step_code", title: "two_step_title", content: content, request: request, context: context,
                          status: problem?.status ?? .ok)
    }

    func recoveryCodePage(
        _ code: RecoveryCode, feedback: FormFeedback, request: Request, context: AppRequestContext, status: HTTPResponse.Status
    ) -> Response {
        // The code is a secret: never cached (no-store is the default) nor sent anywhere as a referrer.
        pages.page("two_step_recovery_code", title: "two_step_recovery_code_title",
                   content: RecoveryCodeContent(code: code.display, feedback: feedback), request: request,
                   context: context, status: status, referrerPolicy: .noReferrer)
    }

    /// Where an accepted code leads: the recovery code to save, or in (to the page asked for at sign-in).
    func respond(_ outcome: TwoStepOutcome, request: Request) -> Response {
        switch outcome {
        case .saveRecoveryCode:
            return .redirect(to: Self.path)
        case .signedIn(let completion):
            var response = signedIn(completion, to: services.settings.landing(cookies.returnPath(in: request)))
            if cookies.returnPath(in: request) != nil { response.setCookie(cookies.clearReturnPath()) }
            return response
        }
    }

    /// The redirect that carries the new signed-in session (and the remembered browser's cookie).
    func signedIn(_ completion: TwoStepCompletion, to location: String) -> Response {
        var response = Response.redirect(to: location)
        response.setCookie(cookies.session(completion.session))
        if let browser = completion.rememberedBrowser {
            response.setCookie(cookies.rememberedBrowser(browser, lifetime: services.twoStep.policy.rememberFor))
        }
        return response
    }

    func partialSession(_ context: AppRequestContext) throws -> ActiveSession {
        guard let session = context.session, session.record.stage.isPartial else { throw TwoStepOutOfOrder() }
        return session
    }

    func isTicked(_ form: FormBody, _ field: String) -> Bool {
        form[field] == "on"
    }
}

/// A page whose template needs nothing but the layout's fields.
struct EmptyContent: Sendable, Encodable {}
