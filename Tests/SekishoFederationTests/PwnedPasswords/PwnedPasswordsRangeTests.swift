import Foundation
import Logging
import NIOCore
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

/// ASVS 6.2.12 by k-anonymity, against the test provider's fake of the range endpoint.
@Suite("Pwned Passwords range check")
struct PwnedPasswordsRangeTests {
    static let logger = Logger(label: "test")

    @Test("a breached password is found from its prefix alone; another, under padding, is not")
    func lookUp() async throws {
        try await TestOpenIDProvider.withRunning { provider async throws in
            provider.addBreachedPassword("monkey business 2019")
            let corpus = PwnedPasswordsRange(rangeURL: provider.pwnedPasswordsRangeURL, logger: Self.logger)
            #expect(try await corpus.contains("monkey business 2019"))
            #expect(try await !corpus.contains("a passphrase nobody leaked 7"))
            #expect(provider.rangePrefixes.count == 2)
            #expect(provider.rangePrefixes.allSatisfy { $0.count == 5 && $0.allSatisfy(\.isHexDigit) }, "only five hex digits leave")
        }
    }

    @Test("an unreachable endpoint throws, and the policy then goes on without it")
    func unreachable() async throws {
        let closed = ClosedLoopbackPort()
        let corpus = PwnedPasswordsRange(rangeURL: "http://127.0.0.1:\(closed.port)/range/", timeout: .seconds(2), logger: Self.logger)
        await #expect(throws: (any Error).self) { try await corpus.contains("whatever it is 42") }
        let policy = PasswordPolicy(bannedWords: [], commonPasswords: .shipped, breaches: corpus)
        #expect(await policy.breachProblem(with: "whatever it is 42") == nil)
    }

    @Test("the policy refuses what the corpus lists, after the other rules")
    func policy() async throws {
        try await TestOpenIDProvider.withRunning { provider async throws in
            provider.addBreachedPassword("monkey business 2019")
            let policy = PasswordPolicy(
                bannedWords: [], commonPasswords: .shipped,
                breaches: PwnedPasswordsRange(rangeURL: provider.pwnedPasswordsRangeURL, logger: Self.logger))
            #expect(await policy.breachProblem(with: "monkey business 2019") == .passwordBreached)
            #expect(await policy.breachProblem(with: "ｍｏｎｋｅｙ business 2019") == .passwordBreached, "asked as hashed: NFKC")
            #expect(await policy.breachProblem(with: "monkey business 2020") == nil)
        }
    }
}
