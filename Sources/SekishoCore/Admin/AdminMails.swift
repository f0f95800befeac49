import Foundation

/// The mails of invitations and email changes (SPEC E1, F3, F5, F7), worded as the manual's.
struct AdminMails {
    let settings: ServiceSettings

    /// 【コーデックストレージ】利用者登録のご案内 (manual 1.4).
    func invitation(_ person: Person, invitedBy inviter: EmailAddress, link: String) -> OutgoingMail {
        let days = settings.days(.invitation)
        let body = settings.mailBody([
            "\(person.name) 様",
            """
            こちらは、\(settings.serviceName)システムです。
            \(inviter.value)より\(person.name)様が
            本サービスの利用者として登録されました。
            本メール受領後、\(days)日以内に下記URLへアクセスして利用者登録を完了してください。
            """,
            "■利用者登録用URL\n\n\(link)",
        ])
        return OutgoingMail(to: person.email.value, subject: settings.subject("利用者登録のご案内"), body: body)
    }

    /// 【コーデックストレージ】メールアドレス変更登録, to the new address (manual 2.2 (5)).
    func emailChange(_ person: Person, to email: EmailAddress, link: String) -> OutgoingMail {
        let days = settings.days(.emailChange)
        let body = settings.mailBody([
            "\(person.name) 様",
            """
            平素より、\(settings.serviceName)をご利用いただき誠にありがとうございます。
            ご登録いただきましたメールアドレスへの変更を完了させるために
            下記URLへアクセスください。
            """,
            link,
            """
            本メール受領後、\(days)日間以内にアクセスが完了しない場合は
            変更処理がキャンセルとなりますのでご注意ください。
            """,
        ])
        return OutgoingMail(to: email.value, subject: settings.subject("メールアドレス変更登録"), body: body)
    }

    /// To the old address once the change is done (SPEC F7).
    func emailChanged(_ person: Person, from old: EmailAddress, to new: EmailAddress, at now: Date) -> OutgoingMail {
        let body = settings.mailBody([
            "\(person.name) 様",
            "平素より、\(settings.serviceName)をご利用いただき誠にありがとうございます。",
            """
            ログインに使用するメールアドレスが変更されました。
            変更前: \(old.value)
            変更後: \(new.value)
            日時: \(RecoveryMails.japanTime(now))
            """,
            "今後このメールアドレスではログインできません。お心当たりのない場合は、契約者または管理者にお問い合わせください。",
        ])
        return OutgoingMail(to: old.value, subject: settings.subject("メールアドレス変更のお知らせ"), body: body)
    }
}
