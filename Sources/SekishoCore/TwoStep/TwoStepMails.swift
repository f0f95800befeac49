import Foundation

/// Notices of changes to a person's second factor and trusted browsers (ASVS 6.3.7), queued in the
/// transaction of the change: when someone else made it, the owner of the mailbox learns of it.
struct TwoStepMails {
    let settings: ServiceSettings

    /// 【コーデックストレージ】2段階認証の登録のお知らせ: a first code confirmed a new registration.
    func enrolled(_ person: Person, method: TwoStepMethod, at now: Date, client: ClientInfo) -> OutgoingMail {
        let name = method == .authenticator ? "Authenticator" : "SMS"
        return settings.notice(to: person, topic: "2段階認証の登録のお知らせ", [
            "お客様のアカウントに、2段階認証(\(name))が登録されました。",
            RecoveryMails.occurrence(now, client: client),
        ])
    }

    /// 【コーデックストレージ】リカバリーコード使用のお知らせ: the lost-device path was taken.
    func recoveryCodeUsed(_ person: Person, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "リカバリーコード使用のお知らせ", [
            "お客様のアカウントで、リカバリーコードを使用したログインがありました。",
            RecoveryMails.occurrence(now, client: client),
            "ほかのブラウザ等でのログインはすべて終了し、記憶していたブラウザはすべて解除されました。新しいリカバリーコードは、ログイン時に表示されたものをお使いください。",
        ])
    }

    /// 【コーデックストレージ】ブラウザ記憶のお知らせ: a browser now skips two-step for 30 days.
    func browserRemembered(_ person: Person, label: String, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "ブラウザ記憶のお知らせ", [
            "お客様のアカウントで、次のブラウザを記憶しました。このブラウザからのログインでは、一定期間、2段階認証を省略します。",
            "記憶したブラウザ: \(label)\n" + RecoveryMails.occurrence(now, client: client),
            "記憶したブラウザは、ホーム画面の「記憶しているブラウザ」から解除できます。",
        ])
    }

    /// 【コーデックストレージ】2段階認証の失敗のお知らせ (ASVS 6.3.5): the right password, then wrong
    /// codes until the throttle stopped them. The password may be known to someone else.
    func throttled(_ person: Person, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "2段階認証の失敗のお知らせ", [
            "お客様のアカウントへのログインで、パスワードは正しく入力されましたが、2段階認証のコードの誤りが続いたため、コードの入力を一時的に停止しました。",
            RecoveryMails.occurrence(now, client: client),
        ])
    }

    /// 【コーデックストレージ】2段階認証リセットのお知らせ: an admin reset the registration (SPEC I3).
    func resetByAdmin(_ person: Person, at now: Date) -> OutgoingMail {
        settings.notice(to: person, topic: "2段階認証リセットのお知らせ", [
            "管理者により、お客様のアカウントの2段階認証の登録がリセットされました。",
            "日時: \(RecoveryMails.japanTime(now))",
            "ほかのブラウザ等でのログインはすべて終了し、記憶していたブラウザはすべて解除されました。次回ログイン時に、2段階認証を再登録してください。",
        ])
    }

    /// 【コーデックストレージ】2段階認証の登録解除のお知らせ: the person revoked their own registration
    /// to register another phone (ASVS 6.5.6).
    func restarted(_ person: Person, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "2段階認証の登録解除のお知らせ", [
            "お客様のアカウントで、2段階認証の登録が解除されました。これまでの認証アプリ・電話番号・セキュリティキーは使えなくなります。",
            RecoveryMails.occurrence(now, client: client),
            "ほかのブラウザ等でのログインはすべて終了し、記憶していたブラウザはすべて解除されました。引き続き、新しい端末で2段階認証を登録してください。",
        ])
    }
}
