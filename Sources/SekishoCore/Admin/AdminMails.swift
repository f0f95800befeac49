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

    /// 【コーデックストレージ】利用者登録のご案内 to an address that already has an account in another
    /// contract (``Invitations``): what happened, and no link. The admin who invited cannot tell it
    /// from an invitation.
    func invitationToRegisteredAddress(_ person: Person, invitedBy inviter: EmailAddress) -> OutgoingMail {
        let body = settings.mailBody([
            "\(person.email.value) 様",
            """
            こちらは、\(settings.serviceName)システムです。
            \(inviter.value)より、このメールアドレスを本サービスの利用者として登録する操作がありましたが、
            このメールアドレスはすでに\(settings.serviceName)に登録されているため、登録は行われていません。
            この操作に対してお客様が行うことはありません。お心当たりのない場合は、本メールを破棄してください。
            """,
        ])
        return OutgoingMail(to: person.email.value, subject: settings.subject("利用者登録のご案内"), body: body)
    }

    /// 【コーデックストレージ】メールアドレス変更登録 to an address that already has an account, when a
    /// contractor or an admin asks to move someone to it: their page is the same as for a free
    /// address, so only the owner learns of it.
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
