import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Two-step verification: throttling, bad input and steps out of order, on the store")
struct ThrottleAndOrderTests {
    @Test("five wrong codes in 15 minutes, then even the right one waits; after the window it works", arguments: StoreKind.available)
    func throttle(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            fixture.nextStep()
            let (_, session) = try await fixture.signIn()
            let started = fixture.now
            for _ in 0..<5 {
                await #expect(throws: TwoStepRejected.wrongCode) {
                    try await fixture.twoStep.verifyAuthenticatorCode(session, code: "000000", remember: false, client: fixture.client)
                }
            }
            let right = try await fixture.code()
            await #expect(throws: TwoStepThrottled(retryAt: started.addingTimeInterval(900))) {
                try await fixture.twoStep.verifyAuthenticatorCode(session, code: right, remember: false, client: fixture.client)
            }
            // A second session of the same person is throttled too: the limit is per person.
            let (_, other) = try await fixture.signIn()
            await #expect(throws: TwoStepThrottled.self) {
                try await fixture.twoStep.verifyAuthenticatorCode(other, code: right, remember: false, client: fixture.client)
            }
            #expect(try await fixture.auditKinds().filter { $0 == .twoStepThrottled }.count == 1, "audited once per window")
            let notices = try await LockTests.mails(store, subject: "【コーデックストレージ】2段階認証の失敗のお知らせ")
            #expect(notices.count == 1 && notices[0].recipient == fixture.email, "and mailed once (ASVS 6.3.5)")
            #expect(notices[0].body.contains("パスワードは正しく入力されましたが") && notices[0].body.contains("接続元: 192.0.2.1"))

            fixture.services.clock.advance(by: 900)
            guard case .signedIn = try await fixture.twoStep.verifyAuthenticatorCode(
                session, code: try await fixture.code(), remember: false, client: fixture.client)
            else { Issue.record("the window is over"); return }
        }
    }

    @Test("a success clears the count, so the next five wrong codes start from zero", arguments: StoreKind.available)
    func successResets(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            for _ in 0..<2 {
                fixture.nextStep()
                let (_, session) = try await fixture.signIn()
                for _ in 0..<4 {
                    await #expect(throws: TwoStepRejected.wrongCode) {
                        try await fixture.twoStep.verifyAuthenticatorCode(session, code: "000000", remember: false, client: fixture.client)
                    }
                }
                _ = try await fixture.twoStep.verifyAuthenticatorCode(session, code: try await fixture.code(), remember: false, client: fixture.client)
            }
        }
    }

    @Test("malformed codes come back as a form problem and count as nothing",
          arguments: [nil, "", "12345", "1234567", "12a456", "123-456", "<script>", String(repeating: "9", count: 50)])
    func malformed(raw: String?) async throws {
        try await withTestStore(.sqlite) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            fixture.nextStep()
            let (_, session) = try await fixture.signIn()
            for _ in 0..<6 {
                let errors = try await #require(throws: FormErrors.self) {
                    try await fixture.twoStep.verifyAuthenticatorCode(session, code: raw, remember: false, client: fixture.client)
                }
                #expect(errors.problems == [TwoStepVerification.Field.code: .invalidCode])
            }
            guard case .signedIn = try await fixture.twoStep.verifyAuthenticatorCode(
                session, code: try await fixture.code(), remember: false, client: fixture.client)
            else { Issue.record("not throttled by malformed input"); return }
        }
    }

    @Test("steps out of order are refused and change nothing", arguments: StoreKind.available)
    func outOfOrder(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, session) = try await fixture.signIn()
            await #expect(throws: TwoStepOutOfOrder.self, "no recovery code to save yet") {
                try await fixture.twoStep.confirmRecoveryCodeSaved(session, saved: true, client: fixture.client)
            }
            await #expect(throws: TwoStepOutOfOrder.self, "no authenticator being enrolled") {
                try await fixture.twoStep.verifyAuthenticatorCode(session, code: "123456", remember: false, client: fixture.client)
            }
            await #expect(throws: TwoStepOutOfOrder.self, "no recovery code before enrolment") {
                try await fixture.twoStep.useRecoveryCode(session, code: RecoveryCode.generate().display, client: fixture.client)
            }
            await #expect(throws: TwoStepOutOfOrder.self, "no SMS number") {
                try await fixture.twoStep.sendSMSCode(session, client: fixture.client)
            }
            #expect(try await fixture.services.sessions.resume(signedIn.token, client: fixture.client)?.record.stage == .twoStep)

            _ = try await fixture.twoStep.startAuthenticator(session, client: fixture.client)
            _ = try await fixture.twoStep.verifyAuthenticatorCode(session, code: try await fixture.code(), remember: false, client: fixture.client)
            let saving = try await fixture.resume(signedIn.token)
            await #expect(throws: TwoStepOutOfOrder.self, "a code while the recovery code waits") {
                try await fixture.twoStep.verifyAuthenticatorCode(saving, code: try await fixture.code(offset: 1), remember: false, client: fixture.client)
            }
            _ = try await fixture.twoStep.confirmRecoveryCodeSaved(saving, saved: true, client: fixture.client)

            let (_, later) = try await fixture.signIn()
            await #expect(throws: TwoStepOutOfOrder.self, "enrolled: no new key") {
                try await fixture.twoStep.startAuthenticator(later, client: fixture.client)
            }
            await #expect(throws: TwoStepOutOfOrder.self, "enrolled: no switch to SMS at sign-in") {
                try await fixture.twoStep.startSMS(later, phone: "090-1234-5678", client: fixture.client)
            }
            let anonymous = try await fixture.resume(try await fixture.services.sessions.startAnonymous())
            await #expect(throws: TwoStepOutOfOrder.self, "not signed in at all") {
                try await fixture.twoStep.prompt(for: anonymous)
            }
        }
    }
}
