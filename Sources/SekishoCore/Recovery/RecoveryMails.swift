import Foundation

/// The mails of the lock and the forgotten password (SPEC H2, H4, H5), worded as the manual's.
struct RecoveryMails {
    let settings: ServiceSettings

    private var greeting: String { "平素より、\(settings.serviceName)サービスをご利用いただき誠にありがとうございます。" }

    /// 【コーデックストレージ】アカウントロック, with the unlock link (manual 4.1).
    func locked(_ person: Person, link: String) -> OutgoingMail {
        let days = settings.days(.unlock)
        return mail(to: person, topic: "アカウントロック", [
            "\(person.name) 様",
            greeting,
            "サービスへのログインが規定回数以上失敗したため、アカウントをロックしました。\n下記URLへアクセスすることでロックを解除できます。",
            link,
            "なお、上記URLが有効期限切れ(本受領後\(days)日間)の場合、ポータルサイトのログイン画面よりパスワード変更を行うことによりロックを解除できます。",
            "お心当たりのない場合は、第三者がログインを試みた可能性があります。パスワードの再設定をご検討ください。",
        ])
    }

    /// 【コーデックストレージ】パスワードリセット, with the new-password link (manual 4.2).
    func reset(_ person: Person, link: String) -> OutgoingMail {
        let days = settings.days(.passwordReset)
        return mail(to: person, topic: "パスワードリセット", [
            "\(person.name) 様",
            greeting,
            "パスワードリセットについて承りました。\n下記URLへアクセスし新しいパスワードを登録ください。",
            link,
            "本メール受領後、\(days)日間以内にアクセスが完了しない場合は処理がキャンセルされます。\nお心当たりのない場合は、本メールを破棄してください。パスワードは変更されません。",
        ])
    }

    /// To a person who signs in with Google or Facebook and asked for a password reset: there is no
    /// password to reset.
    func signInWithProvider(_ person: Person) -> OutgoingMail {
        let provider = person.loginMethod == .facebook ? "Facebook" : "Google"
        return mail(to: person, topic: "パスワードリセット", [
            "\(person.name) 様",
            greeting,
            """
            パスワードリセットのお申込みを承りましたが、お客様のログイン方法は\(provider)アカウントのため、パスワードはございません。
            ログイン画面の「\(provider)アカウントでログイン」からログインしてください。
            """,
            "お心当たりのない場合は、本メールを破棄してください。",
        ])
    }

    /// After a reset: when, from where, and what else changed (SPEC H5, *beyond*).
    func passwordChanged(_ person: Person, at now: Date, client: ClientInfo, twoStepReset: Bool) -> OutgoingMail {
        var paragraphs = [
            "\(person.name) 様",
            greeting,
            "お客様のアカウントのパスワードが変更されました。",
            Self.occurrence(now, client: client),
            "アカウントロックは解除され、ほかのブラウザ等でのログインはすべて終了しました。",
        ]
        if twoStepReset {
            paragraphs.append("2段階認証の登録はリセットされました。次回ログイン時に、2段階認証を再登録してください。")
        }
        paragraphs.append("お心当たりのない場合は、直ちにパスワードを再設定し、サポートセンターまでお問い合わせください。")
        return mail(to: person, topic: "パスワード変更のお知らせ", paragraphs)
    }

    private func mail(to person: Person, topic: String, _ paragraphs: [String]) -> OutgoingMail {
        OutgoingMail(to: person.email.value, subject: settings.subject(topic), body: settings.mailBody(paragraphs))
    }

    /// When and from where a change was made, as the notices say it.
    static func occurrence(_ now: Date, client: ClientInfo) -> String {
        "日時: \(japanTime(now))\n接続元: \(client.address)\nブラウザ: \(client.userAgent)"
    }

    /// 2026年11月28日 10:15 (日本時間): Japan has one offset and no daylight saving time.
    static func japanTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3_600)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = String(format: "%02d", parts.minute ?? 0)
        return "\(parts.year ?? 0)年\(parts.month ?? 0)月\(parts.day ?? 0)日 \(parts.hour ?? 0):\(minute) (日本時間)"
    }
}
