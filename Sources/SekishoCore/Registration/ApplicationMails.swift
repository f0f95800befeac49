/// The mails of the new-contract application (SPEC A2), in Japanese like every mail (SPEC L1).
struct ApplicationMails {
    let settings: ServiceSettings

    static let topic = "お申込みの確認"

    /// To the applicant: the confirmation link.
    func confirmation(for application: ContractApplication, link: String) -> OutgoingMail {
        let days = settings.days(.applicationConfirmation)
        let body = settings.mailBody([
            "\(application.applicantName) 様",
            """
            このたびは\(settings.serviceName)の新規契約をお申込みいただき誠にありがとうございます。
            お申込みを完了させるために、本メール受領後、\(days)日以内に下記URLへアクセスし、
            表示される画面の「お申込みを確定する」ボタンを押してください。
            """,
            """
            ■お申込み内容
            会社名: \(application.companyName)
            お名前: \(application.applicantName)
            プラン: \(application.plan.japaneseName)
            """,
            "■お申込み確認用URL\n\(link)",
            """
            本メール受領後、\(days)日以内にお手続きが完了しない場合は、お申込みがキャンセルとなりますのでご注意ください。
            お心当たりのない場合は、本メールを破棄してください。
            """,
        ])
        return OutgoingMail(to: application.email.value, subject: settings.subject(Self.topic), body: body)
    }

    /// To the owner of an address that already has an account, when someone applies with it. The
    /// applicant sees the same page as anyone else, so only the owner learns the address is taken.
    func alreadyRegistered(email: EmailAddress) -> OutgoingMail {
        let body = settings.mailBody([
            "\(email.value) 様",
            """
            このメールアドレスで\(settings.serviceName)の新規契約のお申込みがありましたが、
            このメールアドレスはすでに\(settings.serviceName)に登録されているため、お申込みは受け付けておりません。
            """,
            """
            ご本人によるお申込みの場合は、登録済みのアカウントでログインしてください。
            パスワードをお忘れの場合は、ログイン画面の「パスワードを忘れた方はこちら」から再設定できます。
            お心当たりのない場合は、本メールを破棄してください。
            """,
        ])
        return OutgoingMail(to: email.value, subject: settings.subject(Self.topic), body: body)
    }
}

extension Plan {
    /// 基本プラン / 無料トライアル, as mails name the plans.
    public var japaneseName: String {
        switch self {
        case .basic: "基本プラン"
        case .trial: "無料トライアル"
        }
    }
}
