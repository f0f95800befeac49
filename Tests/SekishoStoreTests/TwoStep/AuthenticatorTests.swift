import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Two-step verification: authenticator app, on the store")
struct AuthenticatorTests {
    @Test("enrolment: a sealed key, the first code, the recovery code saved, then a new signed-in session", arguments: StoreKind.available)
    func enrolment(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, session) = try await fixture.signIn()
            #expect(signedIn.stage == .twoStep && session.record.stage == .twoStep)
            #expect(try await fixture.twoStep.prompt(for: session) == .chooseMethod)

            let setup = try await fixture.twoStep.startAuthenticator(session, client: fixture.client)
            #expect(setup.uri == "otpauth://totp/%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%E3%82%B9%E3%83%88%E3%83%AC%E3%83%BC%E3%82%B8"
                + ":taro@example.jp?secret=\(setup.key.base32)&issuer=%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%E3%82%B9%E3%83%88%E3%83%AC%E3%83%BC%E3%82%B8")
            #expect(try await fixture.twoStep.startAuthenticator(session, client: fixture.client) == setup, "a reload shows the same key")
            let pending = try #require(try await fixture.registration())
            #expect(!pending.isConfirmed && pending.method == .authenticator)
            let sealed = try #require(pending.sealedKey)
            #expect(!sealed.contains(setup.key.base32), "stored encrypted only")
            #expect(try await fixture.key() == setup.key.bytes)
            #expect(try await fixture.twoStep.prompt(for: session) == .chooseMethod, "unconfirmed until the first code")

            let outcome = try await fixture.twoStep.verifyAuthenticatorCode(
                session, code: try await fixture.code(), remember: false, client: fixture.client)
            #expect(outcome == .saveRecoveryCode)
            let saving = try await fixture.resume(signedIn.token)
            #expect(saving.record.stage == .recoveryCode && !saving.isSignedIn)
            guard case .saveRecoveryCode(let recovery) = try await fixture.twoStep.prompt(for: saving) else {
                Issue.record("the recovery code should be shown")
                return
            }
            #expect(try await fixture.registration()?.recoveryDigest == recovery.digest)
            let unsealedOnPage = try #require(saving.record.pendingSecret)
            #expect(!unsealedOnPage.contains(recovery.canonical), "the code waits sealed in the session")

            let unticked = try await #require(throws: FormErrors.self) {
                try await fixture.twoStep.confirmRecoveryCodeSaved(saving, saved: false, client: fixture.client)
            }
            #expect(unticked.problems == [TwoStepVerification.Field.saved: .recoveryCodeNotSaved])
            #expect(try await fixture.registration()?.recoverySaved == false)

            let completion = try await fixture.twoStep.confirmRecoveryCodeSaved(saving, saved: true, client: fixture.client)
            #expect(completion.rememberedBrowser == nil)
            #expect(try await fixture.services.sessions.resume(signedIn.token, client: fixture.client) == nil, "the partial session is gone")
            #expect(try await fixture.resume(completion.session).isSignedIn)
            let registration = try #require(try await fixture.registration())
            #expect(registration.isConfirmed && registration.recoverySaved)
            let kinds = try await fixture.auditKinds()
            for kind in [AuditEventKind.signInPasswordAccepted, .twoStepMethodChosen, .twoStepEnrolled, .recoveryCodeIssued, .signInSucceeded] {
                #expect(kinds.contains(kind), "audited: \(kind)")
            }
        }
    }

    @Test("later sign-ins ask for the code; a step at or before the last accepted one is a replay", arguments: StoreKind.available)
    func replay(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            let used = try await fixture.code()

            let (_, again) = try await fixture.signIn()
            #expect(try await fixture.twoStep.prompt(for: again) == .authenticatorCode)
            await #expect(throws: TwoStepRejected.reusedCode) {
                try await fixture.twoStep.verifyAuthenticatorCode(again, code: used, remember: false, client: fixture.client)
            }
            await #expect(throws: TwoStepRejected.reusedCode, "the step before is older still") {
                try await fixture.twoStep.verifyAuthenticatorCode(
                    again, code: try await fixture.code(offset: -1), remember: false, client: fixture.client)
            }
            let next = try await fixture.twoStep.verifyAuthenticatorCode(
                again, code: try await fixture.code(offset: 1), remember: false, client: fixture.client)
            guard case .signedIn = next else { Issue.record("T+1 is accepted and signs in"); return }
            #expect(try await fixture.registration()?.lastStep == OneTimePassword.authenticatorApp.step(at: fixture.now) + 1)
            #expect(try await fixture.auditKinds().filter { $0 == .twoStepCodeFailed }.count == 2)
        }
    }

    @Test("one step of drift either side is accepted, two are not", arguments: [(-2, false), (-1, true), (1, true), (2, false)])
    func window(offset: Int64, accepted: Bool) async throws {
        try await withTestStore(.sqlite) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            try await fixture.enrolAuthenticator()
            fixture.services.clock.advance(by: 300)
            let (_, session) = try await fixture.signIn()
            let code = try await fixture.code(offset: offset)
            if accepted {
                guard case .signedIn = try await fixture.twoStep.verifyAuthenticatorCode(session, code: code, remember: false, client: fixture.client)
                else { Issue.record("accepted"); return }
            } else {
                await #expect(throws: TwoStepRejected.wrongCode) {
                    try await fixture.twoStep.verifyAuthenticatorCode(session, code: code, remember: false, client: fixture.client)
                }
            }
        }
    }

    @Test("one code sent by three sign-ins at the same moment lets exactly one in, on one instance or two sharing the database",
          arguments: StoreKind.available, [1, 2])
    func concurrentReplay(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in
            let fixture = try await TwoStepFixture.make(stores[0])
            try await fixture.enrolAuthenticator()
            fixture.nextStep()
            let sessions = [try await fixture.signIn().1, try await fixture.signIn().1, try await fixture.signIn().1]
            let code = try await fixture.code()
            let instancesTwoStep = fixture.twoStepOnEach(stores)
            let successes = await TwoStepFixture.successes(Array(sessions.enumerated())) { index, session in
                try await instancesTwoStep[index % instancesTwoStep.count].verifyAuthenticatorCode(
                    session, code: code, remember: false, client: fixture.client)
            }
            #expect(successes == 1)
        }
    }
}
