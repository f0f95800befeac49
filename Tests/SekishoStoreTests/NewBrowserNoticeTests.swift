import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// 【コーデックストレージ】新しいブラウザからのログインのお知らせ (ASVS 6.3.5).
@Suite("A sign-in from a new kind of browser is mailed")
struct NewBrowserNoticeTests {
    static let safari = ClientInfo(
        address: "198.51.100.7",
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")
    static let subject = "【コーデックストレージ】新しいブラウザからのログインのお知らせ"

    @Test("not the first sign-in nor one from a browser used before; another browser is mailed once, with its address",
          arguments: StoreKind.available)
    func newBrowser(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let notices = { try await store.outboxQueue.recent(limit: 50).filter { $0.subject == Self.subject } }
            _ = try await fixture.enrolAuthenticator()
            fixture.nextStep()
            let (_, again) = try await fixture.signIn()
            _ = try await fixture.twoStep.verifyAuthenticatorCode(again, code: try await fixture.code(), remember: false, client: fixture.client)
            #expect(try await notices().isEmpty, "the first sign-in, then the same browser")

            for round in 0..<2 {
                fixture.nextStep()
                let signedIn = try await fixture.services.signIn.execute(
                    email: fixture.email, password: fixture.password, previous: nil, client: Self.safari)
                _ = try await fixture.twoStep.verifyAuthenticatorCode(
                    try await fixture.resume(signedIn.token), code: try await fixture.code(), remember: false, client: Self.safari)
                let mailed = try await notices()
                #expect(mailed.count == 1, "round \(round): once")
                #expect(mailed.first?.recipient == fixture.email && mailed.first?.body.contains("接続元: 198.51.100.7") == true)
            }
        }
    }
}
