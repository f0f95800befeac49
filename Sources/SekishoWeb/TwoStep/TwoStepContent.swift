import SekishoCore

/// The code page of both methods (SPEC C2, C3, C5): the QR code while enrolling the app, the number
/// an SMS went to, the code field, 「このブラウザを一定期間、記憶する」 and 「>」.
struct CodeFormContent: Sendable, Encodable {
    /// Where the code is posted.
    let action: String
    let isAuthenticator: Bool
    let enrolment: AuthenticatorEnrolmentView?
    /// The masked number of the SMS method.
    let phone: String?
    /// Whether this sign-in attempt has an SMS code (else the page offers to send one).
    let codeSent: Bool
    let notice: String?
    let failure: String?
    let feedback: FormFeedback
    let remember: Bool
    /// 「デバイスを紛失した場合はこちら」: only once a registration is confirmed.
    let showLostDevice: Bool
    /// 「セキュリティキーを使う場合はこちら」: the person registered a key.
    let offersSecurityKey: Bool
}

/// The authenticator enrolment: the key as an inline SVG QR code and as text.
struct AuthenticatorEnrolmentView: Sendable, Encodable {
    /// Markup produced by the QR encoder from the key URI, never from request input.
    let qrSVG: String
    let secret: String
    /// The `otpauth://` URI itself, as a link for people enrolling on the phone that holds the app.
    let uri: String
}

/// The SMS enrolment: the mobile number field.
struct PhoneFormContent: Sendable, Encodable {
    let phone: String
    let failure: String?
    let feedback: FormFeedback
}

/// 「デバイスを紛失した場合はこちら」: the recovery code field.
struct RecoveryFormContent: Sendable, Encodable {
    let failure: String?
    let feedback: FormFeedback
}

/// The recovery code to save and the 「リカバリコードを保存しました」 tick (SPEC C4, I2).
struct RecoveryCodeContent: Sendable, Encodable {
    let code: String
    let feedback: FormFeedback
}

/// The completion page with 「ログインする」.
struct TwoStepDoneContent: Sendable, Encodable {
    let next: String
}
