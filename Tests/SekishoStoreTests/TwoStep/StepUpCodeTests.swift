import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// Step-up asks the second factor as well as the password (full re-authentication, ASVS 7.5.1).
@Suite("Step-up: the password and a code again")
struct StepUpCodeTests {
    @Test("with the authenticator app: no code, a wrong code and a used code are refused; the right one renews the session",
          arguments: StoreKind.available)
    func authenticator(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator()
            fixture.services.clock.advance(by: RecentSignIn.window)
            let session = try await fixture.resume(completion.session)
            let recent = fixture.services.recentSignIn
            #expect(try await fixture.twoStep.stepUpMethod(of: fixture.person) == .authenticator)

            await #expect(throws: FormErrors([TwoStepVerification.Field.code: .invalidCode]), "the password alone") {
                _ = try await recent.confirm(session, password: fixture.password, code: nil, client: fixture.client)
            }
            var valid: Set<String> = []
            for offset in -1...1 { valid.insert(try await fixture.code(offset: Int64(offset))) }
            let wrong = ["000000", "111111", "222222", "333333"].first { !valid.contains($0) }
            await #expect(throws: TwoStepRejected.wrongCode) {
                _ = try await recent.confirm(session, password: fixture.password, code: wrong, client: fixture.client)
            }
            let code = try await fixture.code()
            let token = try await recent.confirm(session, password: fixture.password, code: code, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(completion.session, client: fixture.client) == nil, "a new session id")
            let renewed = try await fixture.resume(token)
            await #expect(throws: TwoStepRejected.reusedCode, "a step is taken once") {
                _ = try await recent.confirm(renewed, password: fixture.password, code: code, client: fixture.client)
            }
            let kinds = try await store.auditKinds()
            #expect(kinds.filter { $0 == .twoStepCodeFailed }.count == 2 && kinds.contains(.reauthenticated))
        }
    }

    @Test("with SMS: a code is sent for this session and works once", arguments: StoreKind.available)
    func sms(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (signedIn, partial) = try await fixture.signIn()
            try await fixture.twoStep.startSMS(partial, phone: "090-1234-5678", client: fixture.client)
            _ = try await fixture.twoStep.verifySMSCode(partial, code: try await fixture.lastSMSCode(), remember: false, client: fixture.client)
            let completion = try await fixture.twoStep.confirmRecoveryCodeSaved(
                try await fixture.resume(signedIn.token), saved: true, client: fixture.client)
            let session = try await fixture.resume(completion.session)
            let recent = fixture.services.recentSignIn
            #expect(try await fixture.twoStep.stepUpMethod(of: fixture.person) == .sms)

            await #expect(throws: TwoStepRejected.expiredCode, "no code was sent for this session") {
                _ = try await recent.confirm(session, password: fixture.password, code: "123456", client: fixture.client)
            }
            try await fixture.twoStep.sendStepUpCode(session, client: fixture.client)
            let code = try await fixture.lastSMSCode()
            let token = try await recent.confirm(session, password: fixture.password, code: code, client: fixture.client)
            await #expect(throws: TwoStepRejected.expiredCode, "the code went with the session it was sent for") {
                _ = try await recent.confirm(try await fixture.resume(token), password: fixture.password, code: code, client: fixture.client)
            }
        }
    }
}
