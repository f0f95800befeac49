import Foundation
import SekishoCore
import Testing

@Suite("Two-step policy, browser labels and the secret box")
struct TwoStepPolicyTests {
    @Test("a remembered browser stays trusted for 30 days after its last use, not a second longer")
    func thirtyDays() {
        let policy = TwoStepPolicy()
        let lastUsed = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.isRemembered(lastUsed: lastUsed, now: lastUsed.addingTimeInterval(30 * 86_400 - 1)))
        #expect(!policy.isRemembered(lastUsed: lastUsed, now: lastUsed.addingTimeInterval(30 * 86_400)))
        #expect(TwoStepPolicy(rememberFor: 7 * 86_400).isRemembered(lastUsed: lastUsed, now: lastUsed.addingTimeInterval(6 * 86_400)))
        #expect(!TwoStepPolicy(rememberFor: 7 * 86_400).isRemembered(lastUsed: lastUsed, now: lastUsed.addingTimeInterval(8 * 86_400)))
    }

    @Test("the defaults are the issue's numbers")
    func defaults() {
        let policy = TwoStepPolicy()
        #expect(policy.maxFailures == 5 && policy.failureWindow == 900)
        #expect(policy.smsLifetime == 300 && policy.smsTries == 5)
        #expect(policy.maxSMSSends == 3 && policy.smsSendWindow == 900)
        #expect(policy.totpWindow == 1)
    }

    @Test("browser labels from user agents", arguments: [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36", "Chrome (Windows)"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0", "Edge (Windows)"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari (iPhone)"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox (Linux)"),
        ("curl/8.0", BrowserLabel.unknown),
        ("", BrowserLabel.unknown),
    ])
    func labels(agent: String, label: String) {
        #expect(BrowserLabel.from(userAgent: agent) == label)
    }

    @Test("sealed secrets open only with the same key and context, and never when tampered with")
    func secretBox() throws {
        let box = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
        let sealed = try box.seal([1, 2, 3, 4], context: "totp:a")
        #expect(try box.open(sealed, context: "totp:a") == [1, 2, 3, 4])
        #expect(try box.seal([1, 2, 3, 4], context: "totp:a") != sealed, "a fresh nonce every time")
        #expect(throws: SecretBoxError.unreadable) { try box.open(sealed, context: "totp:b") }
        let other = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
        #expect(throws: SecretBoxError.unreadable) { try other.open(sealed, context: "totp:a") }
        var tampered = Array(sealed)
        tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
        #expect(throws: SecretBoxError.unreadable) { try box.open(String(tampered), context: "totp:a") }
        #expect(throws: SecretBoxError.unreadable) { try box.open("not base64!", context: "totp:a") }
        #expect(SecretBox(keyBytes: [1, 2, 3]) == nil)
    }
}
