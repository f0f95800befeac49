import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// One person of a fresh contract on a test store, signing in and through two-step verification by
/// calling the use cases directly.
struct TwoStepFixture {
    let services: TestServices
    let store: SQLStore
    let person: Person
    let email = "taro@example.jp"
    let password = "correct horse battery"

    static func make(_ store: SQLStore) async throws -> TwoStepFixture {
        let services = TestServices(store: store)
        let person = try await services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp")).1
        return TwoStepFixture(services: services, store: store, person: person)
    }

    var twoStep: TwoStepVerification { services.twoStep }
    var client: ClientInfo { TestServices.client }
    var now: Date { services.clock.now() }

    /// Signs in with the password; the session as the next request sees it.
    func signIn(browser: SecretToken? = nil) async throws -> (SignedIn, ActiveSession) {
        let signedIn = try await services.signIn.execute(
            email: email, password: password, previous: nil, browser: browser, client: client)
        return (signedIn, try await resume(signedIn.token))
    }

    func resume(_ token: SecretToken) async throws -> ActiveSession {
        try #require(try await services.sessions.resume(token, client: TestServices.client))
    }

    func registration() async throws -> TwoStepRegistration? {
        try await store.read { tx in try await tx.twoStep.find(person.id) }
    }

    /// The key of the person's authenticator app, as the phone holds it.
    func key() async throws -> [UInt8] {
        let sealed = try #require(try await registration()?.sealedKey)
        return try services.box.open(sealed, context: TwoStepRegistration.keyContext(for: person.id))
    }

    func code(offset: Int64 = 0) async throws -> String {
        let totp = OneTimePassword.authenticatorApp
        return totp.code(key: try await key(), counter: UInt64(totp.step(at: now) + offset))
    }

    /// Signs in and enrols the authenticator app with its first code, ticking the recovery code
    /// saved; returns the recovery code and the completion.
    @discardableResult
    func enrolAuthenticator(remember: Bool = false) async throws -> (RecoveryCode, TwoStepCompletion) {
        let (signedIn, session) = try await signIn()
        _ = try await twoStep.startAuthenticator(session, client: client)
        let outcome = try await twoStep.verifyAuthenticatorCode(session, code: try await code(), remember: remember, client: client)
        #expect(outcome == .saveRecoveryCode)
        let saving = try await resume(signedIn.token)
        guard case .saveRecoveryCode(let recovery) = try await twoStep.prompt(for: saving) else {
            Issue.record("the recovery code should be shown")
            throw TwoStepOutOfOrder()
        }
        return (recovery, try await twoStep.confirmRecoveryCodeSaved(saving, saved: true, client: client))
    }

    /// Moves the clock to the start of the next time step, so the next code is one never accepted.
    func nextStep() {
        let elapsed = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 30)
        services.clock.advance(by: 30 - elapsed)
    }

    /// The 6-digit code of the newest SMS in the outbox.
    func lastSMSCode() async throws -> String {
        let sms = try #require(try await store.outboxQueue.recent(limit: 20).first { $0.channel == .sms })
        let range = try #require(sms.body.range(of: #"\d{6}"#, options: .regularExpression))
        return String(sms.body[range])
    }

    /// The two-step use case of each instance on `stores` (the first is this fixture's), sharing its
    /// clock and server key.
    func twoStepOnEach(_ stores: [SQLStore]) -> [TwoStepVerification] {
        services.onEach(stores).map(\.twoStep)
    }

    /// Runs `attempt` once per element of `inputs`, all at the same moment; how many succeeded.
    static func successes<Input: Sendable>(
        _ inputs: [Input], _ attempt: @escaping @Sendable (Input) async throws -> some Sendable
    ) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for input in inputs { group.addTask { (try? await attempt(input)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    func auditKinds() async throws -> [AuditEventKind] {
        try await store.auditKinds()
    }
}
