import Foundation
import SekishoCore
import SekishoStore
import SekishoTestSupport
import Testing

/// Two-step verification as a test drives it: the authenticator's key read back from the store (as
/// the phone would hold it) and codes computed from it.
extension WebTestApp {
    func person(_ email: String) async throws -> Person {
        let address = try #require(EmailAddress(parsing: email))
        return try #require(try await store.read { tx in try await tx.people.find(email: address) })
    }

    /// The key of the person's authenticator app.
    func authenticatorKey(for email: String) async throws -> [UInt8] {
        let person = try await person(email)
        let registration = try #require(try await store.read { tx in try await tx.twoStep.find(person.id) })
        let sealed = try #require(registration.sealedKey)
        return try services.box.open(sealed, context: TwoStepRegistration.keyContext(for: person.id))
    }

    /// A fresh code of the person's authenticator: the clock moves one step on first, so a code is
    /// never one accepted before.
    func nextAuthenticatorCode(for email: String) async throws -> String {
        services.clock.advance(by: 30)
        return OneTimePassword.authenticatorApp.code(key: try await authenticatorKey(for: email), at: services.clock.now())
    }

    /// Signs in with the password and completes two-step verification with the authenticator app,
    /// enrolling it and saving the recovery code the first time. Returns the last redirect (to the
    /// landing page), or the completion page after a first enrolment.
    @discardableResult
    func signInFully(
        email: String = "taro@example.jp", password: String = "correct horse battery", next: String? = nil, remember: Bool = false,
        at entrance: String = "/login"
    ) async throws -> TestBrowser.Page {
        let afterPassword = try await signIn(email: email, password: password, next: next, at: entrance)
        guard afterPassword.location == "/two-step" else { return afterPassword }
        let prompt = try await browser.get("/two-step")
        if prompt.body.contains("choose-authenticator") { try await browser.get("/two-step/app") }
        var fields = [("code", try await nextAuthenticatorCode(for: email))]
        if remember { fields.append(("remember", "on")) }
        let accepted = try await browser.post("/two-step/app", fields)
        guard accepted.location == "/two-step" else { return accepted }
        try await browser.get("/two-step")
        let saved = try await browser.post("/two-step/recovery-code", [("saved", "on")])
        return try await browser.get(try #require(saved.location))
    }

    /// The code of the newest SMS in the outbox.
    func lastSMSCode() async throws -> String {
        let sms = try #require(try await store.outboxQueue.recent(limit: 10).first { $0.channel == .sms })
        let range = try #require(sms.body.range(of: #"\d{6}"#, options: .regularExpression))
        return String(sms.body[range])
    }

    /// Presses ログアウト on whatever page the session is at (signed in or half way).
    func signOut() async throws {
        let page = try await browser.get("/home")
        if let location = page.location { try await browser.get(location) }
        try await browser.post("/logout", [])
    }
}
