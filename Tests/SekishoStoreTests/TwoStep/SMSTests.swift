import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Two-step verification: SMS, on the store")
struct SMSTests {
    /// Signs in and enrols 090-1234-5678: the first code is sent at once.
    private func enrolling(_ fixture: TwoStepFixture) async throws -> (SignedIn, ActiveSession) {
        let (signedIn, session) = try await fixture.signIn()
        try await fixture.twoStep.startSMS(session, phone: "090-1234-5678", client: fixture.client)
        return (signedIn, session)
    }

    @Test("enrolment: the number is checked, the code goes out through the outbox, the right code goes on", arguments: StoreKind.available)
    func enrolment(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, session) = try await fixture.signIn()
            for bad in ["03-1234-5678", "", "090-1234", "+1 415 555 0100"] {
                let errors = try await #require(throws: FormErrors.self) {
                    try await fixture.twoStep.startSMS(session, phone: bad, client: fixture.client)
                }
                #expect(errors.problems == [TwoStepVerification.Field.phone: .invalidMobileNumber])
            }
            #expect(try await store.count("outbox") == 0, "nothing half-written")
            #expect(try await fixture.registration() == nil)

            try await fixture.twoStep.startSMS(session, phone: "０９０－１２３４－５６７８", client: fixture.client)
            let sms = try #require(try await store.outboxQueue.recent(limit: 5).first)
            #expect(sms.channel == .sms && sms.recipient == "+819012345678" && sms.subject.isEmpty)
            #expect(sms.body.hasPrefix("【コーデックストレージ】認証コード: ") && sms.body.contains("このコードを他人に教えないでください。"))
            #expect(sms.body.contains("5分"))
            let status = try await fixture.twoStep.smsStatus(session)
            #expect(status.phone.masked == "090-****-5678" && status.codeSent && !status.isEnrolled)
            let stored = try #require(try await store.read { tx in try await tx.smsChallenges.find(session: session.record.digest) })
            #expect(!stored.codeDigest.contains(try await fixture.lastSMSCode()), "only a keyed hash of the code is stored")

            await #expect(throws: TwoStepRejected.wrongCode) {
                try await fixture.twoStep.verifySMSCode(session, code: "000000", remember: false, client: fixture.client)
            }
            let outcome = try await fixture.twoStep.verifySMSCode(
                session, code: try await fixture.lastSMSCode(), remember: false, client: fixture.client)
            #expect(outcome == .saveRecoveryCode)
            let registration = try #require(try await fixture.registration())
            #expect(registration.method == .sms && registration.isConfirmed && registration.phone?.e164 == "+819012345678")
            #expect(try await store.read { tx in try await tx.smsChallenges.find(session: signedIn.token.digest) } == nil,
                    "a used code is gone")
            #expect(try await fixture.auditKinds().contains(.twoStepSMSSent))
        }
    }

    @Test("a code lives 5 minutes", arguments: StoreKind.available)
    func expiry(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, session) = try await enrolling(fixture)
            let code = try await fixture.lastSMSCode()
            fixture.services.clock.advance(by: 300)
            await #expect(throws: TwoStepRejected.expiredCode) {
                try await fixture.twoStep.verifySMSCode(session, code: code, remember: false, client: fixture.client)
            }
        }
    }

    @Test("a code allows 5 tries; the right code on the sixth is refused", arguments: StoreKind.available)
    func tries(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            var policy = fixture.services.twoStepPolicy
            policy.maxFailures = 100
            let twoStep = TwoStepVerification(
                store: store, clock: fixture.services.clock, box: fixture.services.box, policy: policy, settings: fixture.services.settings)
            let (_, session) = try await enrolling(fixture)
            let code = try await fixture.lastSMSCode()
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                await #expect(throws: TwoStepRejected.wrongCode) {
                    try await twoStep.verifySMSCode(session, code: wrong, remember: false, client: fixture.client)
                }
            }
            await #expect(throws: TwoStepRejected.expiredCode) {
                try await twoStep.verifySMSCode(session, code: code, remember: false, client: fixture.client)
            }
        }
    }

    @Test("a resend replaces the code; at most 3 sends per 15 minutes per person and number", arguments: StoreKind.available)
    func resend(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, session) = try await enrolling(fixture)
            let first = try await fixture.lastSMSCode()
            try await fixture.twoStep.sendSMSCode(session, client: fixture.client)
            try await fixture.twoStep.sendSMSCode(session, client: fixture.client)
            let third = try await fixture.lastSMSCode()
            await #expect(throws: TwoStepThrottled.self) { try await fixture.twoStep.sendSMSCode(session, client: fixture.client) }
            #expect(try await store.count("outbox") == 3)
            // Two random codes agree once in a million: only then is there nothing to refuse.
            if first != third {
                await #expect(throws: TwoStepRejected.wrongCode, "the older code no longer works") {
                    try await fixture.twoStep.verifySMSCode(session, code: first, remember: false, client: fixture.client)
                }
            }
            #expect(try await fixture.twoStep.verifySMSCode(session, code: third, remember: false, client: fixture.client) == .saveRecoveryCode)

            fixture.services.clock.advance(by: 900)
            let (_, later) = try await fixture.signIn()
            try await fixture.twoStep.sendSMSCode(later, client: fixture.client)
            let texts = try await store.outboxQueue.recent(limit: 10).filter { $0.channel == .sms }
            #expect(texts.count == 4, "a new window allows sending again")
        }
    }

    @Test("one SMS code sent twice at the same moment is accepted once; resends at once do not collide", arguments: StoreKind.available)
    func concurrentUse(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, session) = try await enrolling(fixture)
            let sent = await TwoStepFixture.successes([session, session]) { session in
                try await fixture.twoStep.sendSMSCode(session, client: fixture.client)
            }
            #expect(sent == 2)
            #expect(try await store.count("sms_challenges") == 1)
            let code = try await fixture.lastSMSCode()
            let successes = await TwoStepFixture.successes([session, session, session]) { session in
                try await fixture.twoStep.verifySMSCode(session, code: code, remember: false, client: fixture.client)
            }
            #expect(successes == 1)
        }
    }

    @Test("a code is bound to its sign-in attempt", arguments: StoreKind.available)
    func boundToAttempt(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, session) = try await enrolling(fixture)
            let code = try await fixture.lastSMSCode()
            let (_, other) = try await fixture.signIn()
            #expect(try await fixture.twoStep.smsStatus(other).codeSent == false)
            await #expect(throws: TwoStepRejected.expiredCode) {
                try await fixture.twoStep.verifySMSCode(other, code: code, remember: false, client: fixture.client)
            }
            #expect(try await fixture.twoStep.verifySMSCode(session, code: code, remember: false, client: fixture.client) == .saveRecoveryCode)
        }
    }

    @Test("after enrolment, sign-in asks for an SMS code to the registered number", arguments: StoreKind.available)
    func laterSignIn(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, session) = try await enrolling(fixture)
            _ = try await fixture.twoStep.verifySMSCode(session, code: try await fixture.lastSMSCode(), remember: false, client: fixture.client)
            _ = try await fixture.twoStep.confirmRecoveryCodeSaved(try await fixture.resume(signedIn.token), saved: true, client: fixture.client)

            let (_, later) = try await fixture.signIn()
            #expect(try await fixture.twoStep.prompt(for: later) == .smsCode)
            #expect(try await fixture.twoStep.smsStatus(later).isEnrolled)
            try await fixture.twoStep.sendSMSCode(later, client: fixture.client)
            guard case .signedIn(let completion) = try await fixture.twoStep.verifySMSCode(
                later, code: try await fixture.lastSMSCode(), remember: true, client: fixture.client)
            else { Issue.record("signed in"); return }
            #expect(completion.rememberedBrowser != nil)
        }
    }
}
