import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Lost device: the recovery code, on the store")
struct RecoveryCodeUseTests {
    @Test("the recovery code gets in once, as copied; a new one is shown and the old one is refused (I2)", arguments: StoreKind.available)
    func lostDevice(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (old, _) = try await fixture.enrolAuthenticator()

            let (signedIn, session) = try await fixture.signIn()
            let typed = " " + old.display.lowercased().replacingOccurrences(of: "-", with: " ") + " "
            try await fixture.twoStep.useRecoveryCode(session, code: typed, client: fixture.client)
            let saving = try await fixture.resume(signedIn.token)
            guard case .saveRecoveryCode(let new) = try await fixture.twoStep.prompt(for: saving) else {
                Issue.record("a new recovery code is shown")
                return
            }
            #expect(new != old)
            #expect(try await fixture.registration()?.recoveryDigest == new.digest)
            await #expect(throws: FormErrors.self, "the new code must be saved too") {
                try await fixture.twoStep.confirmRecoveryCodeSaved(saving, saved: false, client: fixture.client)
            }
            let completion = try await fixture.twoStep.confirmRecoveryCodeSaved(saving, saved: true, client: fixture.client)
            #expect(try await fixture.resume(completion.session).isSignedIn)

            let (_, again) = try await fixture.signIn()
            await #expect(throws: TwoStepRejected.wrongCode) {
                try await fixture.twoStep.useRecoveryCode(again, code: old.display, client: fixture.client)
            }
            let kinds = try await fixture.auditKinds()
            #expect(kinds.contains(.recoveryCodeUsed) && kinds.last == .twoStepCodeFailed)
        }
    }

    @Test("using the recovery code ends the person's other sessions and forgets their remembered browsers (ASVS 7.4.3)",
          arguments: StoreKind.available)
    func lostDeviceSignedOut(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (code, onLostDevice) = try await fixture.enrolAuthenticator(remember: true)
            #expect(onLostDevice.rememberedBrowser != nil)
            let (signedIn, session) = try await fixture.signIn()
            try await fixture.twoStep.useRecoveryCode(session, code: code.display, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(onLostDevice.session, client: fixture.client) == nil)
            #expect(try await fixture.resume(signedIn.token).record.stage == .recoveryCode, "this session goes on")
            #expect(try await store.read { try await $0.rememberedBrowsers.list(for: fixture.person.id) }.isEmpty)
            let used = try await store.read { try await $0.audit.recent(limit: 20, person: fixture.person.id) }.map(\.event)
                .first { $0.kind == .recoveryCodeUsed }
            #expect(used?.detail == "sessions_ended=1,browsers_forgotten=1")
        }
    }

    @Test("one recovery code sent twice at the same moment gets in once, on one instance or two sharing the database",
          arguments: StoreKind.available, [1, 2])
    func concurrentUse(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in
            let fixture = try await TwoStepFixture.make(stores[0])
            let (code, _) = try await fixture.enrolAuthenticator()
            let sessions = [try await fixture.signIn().1, try await fixture.signIn().1]
            let instancesTwoStep = fixture.twoStepOnEach(stores)
            let successes = await TwoStepFixture.successes(Array(sessions.enumerated())) { index, session in
                try await instancesTwoStep[index % instancesTwoStep.count].useRecoveryCode(session, code: code.display, client: fixture.client)
            }
            #expect(successes == 1)
        }
    }

    @Test("「>」 pressed twice at the same moment under the recovery code signs in once", arguments: StoreKind.available)
    func concurrentConfirmation(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, session) = try await fixture.signIn()
            _ = try await fixture.twoStep.startAuthenticator(session, client: fixture.client)
            _ = try await fixture.twoStep.verifyAuthenticatorCode(session, code: try await fixture.code(), remember: false, client: fixture.client)
            let saving = try await fixture.resume(signedIn.token)
            let successes = await TwoStepFixture.successes([saving, saving, saving]) { session in
                try await fixture.twoStep.confirmRecoveryCodeSaved(session, saved: true, client: fixture.client)
            }
            #expect(successes == 1)
            #expect(try await store.count("sessions") == 1)
        }
    }

    @Test("stray characters are a form problem; wrong codes count toward the same throttle", arguments: StoreKind.available)
    func badInput(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (code, _) = try await fixture.enrolAuthenticator()
            fixture.nextStep()
            let (_, session) = try await fixture.signIn()
            for stray in [code.display + "!", "ABCD", "", String(repeating: "A", count: 200)] {
                let errors = try await #require(throws: FormErrors.self) {
                    try await fixture.twoStep.useRecoveryCode(session, code: stray, client: fixture.client)
                }
                #expect(errors.problems == [TwoStepVerification.Field.recoveryCode: .invalidRecoveryCode])
            }
            for _ in 0..<3 {
                await #expect(throws: TwoStepRejected.wrongCode) {
                    try await fixture.twoStep.useRecoveryCode(session, code: RecoveryCode.generate().display, client: fixture.client)
                }
            }
            for _ in 0..<2 {
                await #expect(throws: TwoStepRejected.wrongCode) {
                    try await fixture.twoStep.verifyAuthenticatorCode(session, code: "000000", remember: false, client: fixture.client)
                }
            }
            await #expect(throws: TwoStepThrottled.self, "five wrong codes of either kind") {
                try await fixture.twoStep.useRecoveryCode(session, code: code.display, client: fixture.client)
            }
        }
    }
}
