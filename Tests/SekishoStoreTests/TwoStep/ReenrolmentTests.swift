import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// 「2段階認証を登録し直す」 (ASVS 6.5.6): the owner revokes a lost or replaced phone.
@Suite("Two-step: registering a new phone")
struct ReenrolmentTests {
    @Test("after a recent sign-in the old registration, every session and every remembered browser go; this browser enrols a new app; the old app's codes stop working",
          arguments: StoreKind.available)
    func newPhone(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator(remember: true)
            let oldKey = try await fixture.key()
            let elsewhere = SessionRecord(
                digest: SecretToken.generate().digest, personID: fixture.person.id, stage: .signedIn, createdAt: fixture.now, lastSeenAt: fixture.now)
            try await store.transaction { tx in try await tx.sessions.insert(elsewhere) }
            fixture.services.clock.advance(by: RecentSignIn.window)
            let stale = try await fixture.resume(completion.session)
            await #expect(throws: RecentSignInRequired()) { _ = try await fixture.twoStep.restartEnrolment(stale, client: fixture.client) }
            #expect(try await fixture.registration()?.isConfirmed == true, "nothing changed")

            let renewed = try await fixture.resume(try await fixture.services.recentSignIn.confirm(
                stale, password: fixture.password, code: try await fixture.code(), client: fixture.client))
            let token = try await fixture.twoStep.restartEnrolment(renewed, client: fixture.client)
            #expect(try await fixture.registration() == nil)
            #expect(try await store.read { try await $0.rememberedBrowsers.list(for: fixture.person.id) }.isEmpty)
            let sessions = try await store.read { try await $0.sessions.list(of: fixture.person.id) }
            #expect(sessions.map(\.digest) == [token.digest] && sessions.first?.stage == .twoStep, "only the enrolment session is left")
            let enrolment = try await fixture.resume(token)
            #expect(try await fixture.twoStep.prompt(for: enrolment) == .chooseMethod)
            let notice = try await store.outboxQueue.recent(limit: 5).first { $0.subject.contains("2段階認証の登録解除のお知らせ") }
            #expect(notice?.recipient == fixture.email)
            let reset = try await store.read { try await $0.audit.recent(limit: 5, person: fixture.person.id) }.first { $0.event.kind == .twoStepReset }
            #expect(reset?.event.detail == "by=self,browsers_forgotten=1,sessions_ended=2")

            fixture.nextStep()
            _ = try await fixture.twoStep.startAuthenticator(enrolment, client: fixture.client)
            #expect(try await fixture.key() != oldKey)
            #expect(try await fixture.twoStep.verifyAuthenticatorCode(
                enrolment, code: try await fixture.code(), remember: false, client: fixture.client) == .saveRecoveryCode)
            fixture.nextStep()
            let (_, later) = try await fixture.signIn()
            let oldCode = OneTimePassword.authenticatorApp.code(key: oldKey, at: fixture.now)
            await #expect(throws: TwoStepRejected.wrongCode, "the lost phone's code") {
                _ = try await fixture.twoStep.verifyAuthenticatorCode(later, code: oldCode, remember: false, client: fixture.client)
            }
        }
    }
}
