import Foundation

/// The mail of the contract menu that the manual does not word: the cancellation (SPEC J4).
struct ContractMenuMails {
    let settings: ServiceSettings

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
