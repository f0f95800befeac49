import Foundation

/// Notices of a security key added to or removed from an account (ASVS 6.3.7; NIST 800-63B-4 §4.1.2:
/// binding an authenticator is announced), queued in the transaction of the change.
struct SecurityKeyMails {
    let settings: ServiceSettings

    /// 【コーデックストレージ】セキュリティキー登録のお知らせ
    func added(_ person: Person, name: String, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "セキュリティキー登録のお知らせ", [
            "お客様のアカウントに、2段階認証に使うセキュリティキー「\(name)」が登録されました。",
            RecoveryMails.occurrence(now, client: client),
        ])
    }

    /// 【コーデックストレージ】セキュリティキー削除のお知らせ
    func removed(_ person: Person, name: String, at now: Date, client: ClientInfo) -> OutgoingMail {
        settings.notice(to: person, topic: "セキュリティキー削除のお知らせ", [
            "お客様のアカウントから、セキュリティキー「\(name)」が削除されました。このキーではログインできなくなります。",
            RecoveryMails.occurrence(now, client: client),
        ])
    }
}
