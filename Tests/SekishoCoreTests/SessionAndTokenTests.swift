import Foundation
import SekishoCore
import Testing

@Suite("Secret tokens")
struct SecretTokenTests {
    @Test("256 random bits as 43 base64url characters; only well-formed text parses")
    func shape() {
        let token = SecretToken.generate()
        #expect(token.text.utf8.count == 43)
        #expect(SecretToken(parsing: token.text) == token)
        #expect(SecretToken.generate() != token)
        for bad in ["", String(token.text.dropLast()), token.text + "A", String(token.text.dropLast()) + "=", String(repeating: "é", count: 43)] {
            #expect(SecretToken(parsing: bad) == nil)
        }
    }

    @Test("the digest is SHA-256 hex; derived values depend on the token and the label")
    func derived() throws {
        let token = try #require(SecretToken(parsing: String(repeating: "A", count: 43)))
        #expect(token.digest.hex.count == 64)
        #expect(token.digest == TokenDigest(of: token.text))
        #expect(token.derived("csrf") != token.derived("other"))
        #expect(token.derived("csrf") != SecretToken.generate().derived("csrf"))
        #expect(token.derived("csrf") == token.derived("csrf"))
    }

    @Test("hex is lower case, two digits a byte, leading zeros kept (SHA-256 of \"abc\", FIPS 180-2)")
    func hex() {
        #expect(TokenDigest(of: "abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect([0x00, 0x0f, 0xf0, 0xff].hexString == "000ff0ff" && [UInt8]().hexString.isEmpty)
    }

    @Test("base64url and unpadded base64 agree with Foundation's encoder for every length and byte (RFC 4648 §4, §5)")
    func base64() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...66 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let standard = Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
                #expect(UnpaddedBase64.encode(bytes) == standard)
                #expect(UnpaddedBase64.decode(Substring(standard)) == bytes)
                let url = Base64URL.encode(bytes)
                #expect(url == standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
                #expect(Base64URL.decode(url) == bytes)
            }
        }
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy" && Base64URL.encode(Array("fo".utf8)) == "Zm8")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8" && UnpaddedBase64.encode([0xfb, 0xff]) == "+/8")
    }

    @Test("constant-time comparison compares")
    func constantTime() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
    }
}

@Suite("Session policy")
struct SessionPolicyTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func session(created: TimeInterval, lastSeen: TimeInterval, scope: SessionScope = .portal) -> SessionRecord {
        SessionRecord(digest: TokenDigest(hex: "x"), personID: nil, stage: .signedIn, scope: scope,
                      createdAt: start.addingTimeInterval(created), lastSeenAt: start.addingTimeInterval(lastSeen))
    }

    @Test("idle 1 hour and absolute 24 hours by default")
    func timeouts() {
        let policy = SessionPolicy()
        #expect(!policy.isExpired(session(created: 0, lastSeen: 0), now: start.addingTimeInterval(3599)))
        #expect(policy.isExpired(session(created: 0, lastSeen: 0), now: start.addingTimeInterval(3600)))
        #expect(!policy.isExpired(session(created: 0, lastSeen: 86_000), now: start.addingTimeInterval(86_399)))
        #expect(policy.isExpired(session(created: 0, lastSeen: 86_000), now: start.addingTimeInterval(86_400)))
    }

    @Test("the contract menu's session ends after 15 idle minutes (SPEC J1)")
    func contractMenuIdle() {
        let policy = SessionPolicy()
        #expect(!policy.isExpired(session(created: 0, lastSeen: 0, scope: .contractMenu), now: start.addingTimeInterval(899)))
        #expect(policy.isExpired(session(created: 0, lastSeen: 0, scope: .contractMenu), now: start.addingTimeInterval(900)))
        #expect(!policy.isExpired(session(created: 0, lastSeen: 0), now: start.addingTimeInterval(900)))
    }

    @Test("last-seen is written at most once a minute, and never less often than half the idle timeout")
    func touch() {
        #expect(!SessionPolicy().needsTouch(session(created: 0, lastSeen: 0), now: start.addingTimeInterval(59)))
        #expect(SessionPolicy().needsTouch(session(created: 0, lastSeen: 0), now: start.addingTimeInterval(60)))
        #expect(SessionPolicy(idleTimeout: 60, touchInterval: 600).touchInterval == 30)
    }
}

@Suite("Service settings")
struct ServiceSettingsTests {
    @Test("links start with the public URL; subjects name the service")
    func links() throws {
        let settings = ServiceSettings(publicURL: URL(string: "https://login.example.jp/")!, mailDomain: "example.jp")
        let token = try #require(SecretToken(parsing: String(repeating: "b", count: 43)))
        #expect(settings.link("/apply/confirm", ticket: token) == "https://login.example.jp/apply/confirm?ticket=\(token.text)")
        #expect(settings.subject("お申込みの確認") == "【コーデックストレージ】お申込みの確認")
        #expect(settings.lifetime(of: .applicationConfirmation) == 7 * 86_400)
        #expect(settings.newMessageID().hasSuffix("@example.jp>"))
    }

    @Test("ids parse only canonical UUIDs")
    func ids() {
        #expect(PersonID(parsing: "6F9619FF-8B86-D011-B42D-00C04FC964FF")?.rawValue == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(PersonID(parsing: "6f9619ff") == nil)
        #expect(PersonID(parsing: "../../etc/passwd") == nil)
    }
}
