import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// ASVS 6.3.7: each change to the second factor or to the browsers trusted to skip it is mailed to
/// the person, with when and from where, so that a change by someone else does not go unseen.
@Suite("Two-step notices by mail")
struct TwoStepNoticeTests {
    static func notices(_ store: SQLStore, _ topic: String) async throws -> [QueuedMessage] {
        try await LockTests.mails(store, subject: "【コーデックストレージ】\(topic)")
    }

    @Test("enrolment, a remembered browser, a recovery code's use and an admin's reset each mail the person once",
          arguments: StoreKind.available)
    func notices(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (recovery, _) = try await fixture.enrolAuthenticator(remember: true)
            let enrolled = try await Self.notices(store, "2段階認証の登録のお知らせ")
            #expect(enrolled.count == 1 && enrolled[0].recipient == fixture.email)
            #expect(enrolled[0].body.contains("2段階認証(Authenticator)が登録されました") && enrolled[0].body.contains("接続元: 192.0.2.1"))
            let remembered = try await Self.notices(store, "ブラウザ記憶のお知らせ")
            #expect(remembered.count == 1 && remembered[0].body.contains("記憶したブラウザ: "))

            fixture.nextStep()
            let (_, later) = try await fixture.signIn()
            _ = try await fixture.twoStep.verifyAuthenticatorCode(later, code: try await fixture.code(), remember: false, client: fixture.client)
            #expect(try await Self.notices(store, "2段階認証の登録のお知らせ").count == 1, "a later sign-in is no enrolment")
            let (_, session) = try await fixture.signIn()
            try await fixture.twoStep.useRecoveryCode(session, code: recovery.display, client: fixture.client)
            let used = try await Self.notices(store, "リカバリーコード使用のお知らせ")
            #expect(used.count == 1 && used[0].body.contains("ほかのブラウザ等でのログインはすべて終了し"))

            let contractor = Account(
                person: fixture.person, contract: try #require(try await store.read { try await $0.contracts.find(fixture.person.contractID) }),
                provedAt: fixture.services.clock.now())
            try await fixture.services.managePeople.resetTwoStep(person: fixture.person.id.rawValue, by: contractor, client: fixture.client)
            let reset = try await Self.notices(store, "2段階認証リセットのお知らせ")
            #expect(reset.count == 1 && reset[0].body.contains("管理者により、お客様のアカウントの2段階認証の登録がリセットされました。"))
        }
    }
}
