import Foundation
import SekishoCore
import Testing

@Suite("One-time passwords (RFC 4226, RFC 6238)")
struct OneTimePasswordTests {
    static let sha1Seed = Array("12345678901234567890".utf8)
    static let sha256Seed = Array("12345678901234567890123456789012".utf8)
    static let sha512Seed = Array(("1234567890" + "1234567890" + "1234567890" + "1234567890" + "1234567890" + "1234567890" + "1234").utf8)

    /// RFC 6238 Appendix B (8 digits, 30 s, T0 = 0), with the 20/32/64-byte seeds of Appendix A and the errata.
    static let appendixB: [(time: TimeInterval, sha1: String, sha256: String, sha512: String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test("RFC 6238 Appendix B: SHA-1, SHA-256 and SHA-512", arguments: appendixB.indices)
    func rfc6238(row: Int) {
        let vector = Self.appendixB[row]
        let date = Date(timeIntervalSince1970: vector.time)
        #expect(OneTimePassword(algorithm: .sha1, digits: 8, period: 30).code(key: Self.sha1Seed, at: date) == vector.sha1)
        #expect(OneTimePassword(algorithm: .sha256, digits: 8, period: 30).code(key: Self.sha256Seed, at: date) == vector.sha256)
        #expect(OneTimePassword(algorithm: .sha512, digits: 8, period: 30).code(key: Self.sha512Seed, at: date) == vector.sha512)
    }

    @Test("RFC 4226 Appendix D: HOTP counters 0–9")
    func rfc4226() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        let hotp = OneTimePassword(algorithm: .sha1, digits: 6, period: 30)
        #expect((0..<10).map { hotp.code(key: Self.sha1Seed, counter: UInt64($0)) } == expected)
    }

    @Test("the authenticator app's codes: SHA-1, 6 digits, 30 s, leading zeros kept")
    func authenticatorApp() {
        let totp = OneTimePassword.authenticatorApp
        #expect(totp.algorithm == .sha1 && totp.digits == 6 && totp.period == 30)
        // RFC 6238's SHA-1 value at 1111111109 is 07081804: its last six digits, zero kept.
        #expect(totp.code(key: Self.sha1Seed, at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
        #expect(totp.step(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(totp.step(at: Date(timeIntervalSince1970: 60)) == 2)
    }

    @Test("one step either side is accepted, two are not; the matching step is returned")
    func window() {
        let totp = OneTimePassword.authenticatorApp
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let step = totp.step(at: now)
        for offset: Int64 in [-1, 0, 1] {
            let code = totp.code(key: Self.sha1Seed, counter: UInt64(step + offset))
            #expect(totp.matchingStep(of: code, key: Self.sha1Seed, at: now) == step + offset)
        }
        for offset: Int64 in [-2, 2] {
            let code = totp.code(key: Self.sha1Seed, counter: UInt64(step + offset))
            #expect(totp.matchingStep(of: code, key: Self.sha1Seed, at: now) == nil)
        }
        #expect(totp.matchingStep(of: totp.code(key: Self.sha1Seed, at: now), key: Array(repeating: 0, count: 20), at: now) == nil)
    }
}

@Suite("Base32 (RFC 4648)")
struct Base32Tests {
    @Test("the RFC 4648 §10 vectors, without padding")
    func vectors() {
        let vectors = [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test("decoding ignores case, spaces and padding; other characters are refused")
    func decoding() {
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        #expect(Base32.decode("MZ-XW") == nil)
    }
}

@Suite("Authenticator key")
struct AuthenticatorKeyTests {
    @Test("160 random bits, 32 base32 characters, shown in groups of four")
    func shape() {
        let key = AuthenticatorKey.generate()
        #expect(key.bytes.count == 20 && key.base32.count == 32)
        #expect(key.grouped.split(separator: " ").map(\.count) == Array(repeating: 4, count: 8))
        #expect(Base32.decode(key.grouped) == key.bytes)
        #expect(AuthenticatorKey.generate() != key)
        #expect(AuthenticatorKey(bytes: Array(repeating: 1, count: 19)) == nil)
    }

    @Test("the Key URI: otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER, percent-encoded")
    func uri() throws {
        let key = try #require(AuthenticatorKey(bytes: Array("12345678901234567890".utf8)))
        #expect(key.uri(issuer: "Codex", account: "alice@example.jp")
            == "otpauth://totp/Codex:alice@example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Codex")
        let japanese = key.uri(issuer: "コーデック ストレージ", account: "a:b+c@example.jp")
        #expect(japanese.hasPrefix("otpauth://totp/%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%20%E3%82%B9"))
        #expect(japanese.contains(":a%3Ab%2Bc@example.jp?secret="), "a colon or plus in the account cannot break the label")
        let components = try #require(URLComponents(string: japanese))
        #expect(components.queryItems?.first { $0.name == "issuer" }?.value == "コーデック ストレージ")
    }
}
