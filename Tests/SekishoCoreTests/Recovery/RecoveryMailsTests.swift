import Foundation
@testable import SekishoCore
import Testing

@Suite("Recovery mails")
struct RecoveryMailsTests {
    let settings = ServiceSettings(publicURL: URL(string: "https://login.example.jp")!, mailDomain: "example.jp")
    let person = Person(
        id: .random(), contractID: .random(), email: EmailAddress(parsing: "taro@example.jp")!, name: "山田 太郎",
        role: .contractor, loginMethod: .password, createdAt: Date(timeIntervalSince1970: 0))

    @Test("times in the notice are Japan time, which has no daylight saving")
    func japanTime() {
        #expect(RecoveryMails.japanTime(Date(timeIntervalSince1970: 1_795_000_000)) == "2026年11月18日 20:06 (日本時間)")
        #expect(RecoveryMails.japanTime(Date(timeIntervalSince1970: 15 * 3_600 + 5 * 60)) == "1970年1月2日 0:05 (日本時間)")
    }

    @Test("the lock and reset mails follow the manual's wording and state the configured lifetime")
    func wording() {
        var settings = self.settings
        settings.ticketLifetimes[.unlock] = 3 * 86_400
        let mails = RecoveryMails(settings: settings)
        let locked = mails.locked(person, link: "https://login.example.jp/lo/unblock?ticket=x")
        #expect(locked.subject == "【コーデックストレージ】アカウントロック" && locked.to == "taro@example.jp")
        #expect(locked.body.hasPrefix("山田 太郎 様\n\n平素より、コーデックストレージサービスをご利用いただき誠にありがとうございます。"))
        #expect(locked.body.contains("サービスへのログインが規定回数以上失敗したため、アカウントをロックしました。"))
        #expect(locked.body.contains("本受領後3日間") && locked.body.contains("送信専用"))
        let reset = mails.reset(person, link: "https://login.example.jp/lo/reset?ticket=x")
        #expect(reset.subject == "【コーデックストレージ】パスワードリセット" && reset.body.contains("7日間以内"))
        let facebook = Person(
            id: person.id, contractID: person.contractID, email: person.email, name: person.name, role: .user,
            loginMethod: .facebook, createdAt: person.createdAt)
        #expect(mails.signInWithProvider(facebook).body.contains("「Facebookアカウントでログイン」"))
    }
}
