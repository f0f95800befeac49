import Foundation

/// The mails of the contract menu that the manual does not word: the email change to an address that
/// is taken (SPEC F2) and the cancellation (SPEC J4).
struct ContractMenuMails {
    let settings: ServiceSettings

    /// To an address that already has an account, when a contractor asks to move to it: the
    /// contractor's page is the same as for a free address, so only the owner learns of it.
    func emailChangeToRegisteredAddress(to email: EmailAddress) -> OutgoingMail {
        let body = settings.mailBody([
            "\(email.value) 様",
            """
            \(settings.serviceName)のログイン用メールアドレスを、このメールアドレスへ変更するお申込みがありましたが、
            このメールアドレスはすでに\(settings.serviceName)に登録されているため、変更は受け付けておりません。
            """,
            "お心当たりのない場合は、本メールを破棄してください。",
        ])
        return OutgoingMail(to: email.value, subject: settings.subject("メールアドレス変更登録"), body: body)
    }

    /// To the contractor once 「解約」 is done: what ended, and when the data goes.
    func cancelled(_ contractor: Person, contractName: String, at now: Date, erasedAfter erasure: Date) -> OutgoingMail {
        let body = settings.mailBody([
            "\(contractor.name) 様",
            "平素より、\(settings.serviceName)をご利用いただき誠にありがとうございます。",
            """
            以下のご契約の解約手続きが完了しました。
            契約名: \(contractName)
            解約日時: \(RecoveryMails.japanTime(now))
            """,
            """
            ご契約のすべての利用者はログアウトされ、今後ログインできません。
            ご契約のデータは \(RecoveryMails.japanTime(erasure)) 以降に消去されます。
            お心当たりのない場合は、至急サポートセンターまでお問い合わせください。
            """,
        ])
        return OutgoingMail(to: contractor.email.value, subject: settings.subject("解約手続き完了のお知らせ"), body: body)
    }
}
