import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SekishoCore
import SekishoTestSupport
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy(bannedWords: ["コーデックストレージ", "Codex"], commonPasswords: .shipped)
    let email = EmailAddress(parsing: "yamada.taro@example.jp")

    @Test("the shipped list has 10,000 entries")
    func list() {
        #expect(CommonPasswords.shipped.count == 10_000)
        #expect(CommonPasswords.shipped.contains("PASSWORD"))
    }

    @Test("each rule, first problem wins", arguments: [
        ("short", FieldProblem.passwordTooShort), ("1234567", .passwordTooShort), ("12345678", .passwordCommon),
        ("Password1", .passwordCommon), ("my codex storage key", .passwordContainsServiceName),
        ("コーデックストレージ大好き", .passwordContainsServiceName), ("hi yamada.taro 2024!", .passwordContainsEmail),
        (String(repeating: "x", count: 257), .passwordTooLong),
    ])
    func problems(password: String, problem: FieldProblem) {
        #expect(policy.problem(with: password, email: email) == problem)
    }

    @Test("accepted: no composition rules, long passphrases, any script", arguments: [
        "purple elephant dances", "すずめのなみだ三つぶ", String(repeating: "long phrase ", count: 10), "eightchr",
        // ASVS 6.2.9: 64 characters at least are allowed; Sekisho takes up to 256.
        String(repeating: "a quiet river ", count: 10).prefix(128).description,
        String(repeating: "a quiet river ", count: 20).prefix(256).description,
    ])
    func accepted(password: String) {
        #expect(policy.problem(with: password, email: email) == nil)
    }

    @Test("a very short local part is not banned as a substring")
    func shortLocalPart() {
        #expect(policy.problem(with: "a strong phrase", email: EmailAddress(parsing: "a@example.jp")) == nil)
    }

    @Test("confirmation must match")
    func confirmation() {
        var errors = FormErrors()
        _ = policy.check(password: "purple elephant dances", confirmation: "purple elephant dance", email: nil,
                         field: "p", confirmationField: "c", errors: &errors)
        #expect(errors.problems == ["c": .passwordMismatch])
    }
}

@Suite("Password hashing")
struct PasswordHasherTests {
    let hasher = PasswordHasher(parameters: TestServices.cheapScrypt, pool: TestServices.pool)

    @Test("a hash verifies its password only, exactly as typed")
    func verify() async throws {
        let hash = try await hasher.hash("Correct Horse")
        #expect(hash.phcString.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(try await hasher.verify("Correct Horse", against: hash.phcString))
        #expect(try await !hasher.verify("correct horse", against: hash.phcString))
        #expect(try await !hasher.verify("Correct Horse ", against: hash.phcString))
        #expect(try await hasher.hash("Correct Horse").phcString != hash.phcString, "a new salt each time")
    }

    @Test("full-width input matches its NFKC form")
    func normalisation() async throws {
        let hash = try await hasher.hash("ＡＢＣ１２３４５ｘ")
        #expect(try await hasher.verify("ABC12345x", against: hash.phcString))
    }

    @Test("unknown accounts and malformed hashes never match", arguments: [
        nil, "", "$scrypt$", "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=10,r=8$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$scrypt$ln=10,r=8,p=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ] as [String?])
    func neverMatches(stored: String?) async throws {
        #expect(try await !hasher.verify("anything", against: stored))
    }

    @Test("the RFC 7914 scrypt vector")
    func rfc7914() async throws {
        // RFC 7914 §12: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
        let expected = "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        let parameters = try #require(ScryptParameters(logN: 10, blockSize: 8, parallelism: 16))
        let stored = PasswordHash(parameters: parameters, salt: Array("NaCl".utf8), hash: Array(hex: expected)).phcString
        #expect(try await hasher.verify("password", against: stored))
    }

    @Test("rehash is needed exactly when the parameters differ")
    func rehash() async throws {
        let hash = try await hasher.hash("purple elephant").phcString
        #expect(!hasher.needsRehash(hash))
        let stronger = PasswordHasher(parameters: ScryptParameters(logN: 11, blockSize: 8, parallelism: 1)!, pool: TestServices.pool)
        #expect(stronger.needsRehash(hash))
    }

    @Test("a PHC string round-trips")
    func phc() throws {
        let hash = PasswordHash(parameters: .default, salt: Array(repeating: 7, count: 16), hash: Array(repeating: 9, count: 32))
        #expect(PasswordHash(phcString: hash.phcString) == hash)
        #expect(hash.phcString.hasPrefix("$scrypt$ln=14,r=8,p=5$"))
    }
}

@Suite("Hashing pool")
struct HashingPoolTests {
    #if canImport(Glibc)
    @Test("the hashing threads run at nice 10, so pages get the cores first during a storm")
    func lowPriority() async throws {
        let pool = HashingPool(threads: 1, queueLimit: 0)
        defer { pool.shutdown() }
        let nice = try await pool.run { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == 10)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0, "the caller's thread is left alone")
    }
    #endif

    @Test("work beyond the threads and the queue is refused at once; accepted work completes")
    func bounded() async throws {
        let pool = HashingPool(threads: 1, queueLimit: 0)
        defer { pool.shutdown() }
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let first = Task { try await pool.run { entered.signal(); release.wait(); return 1 } }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { entered.wait(); continuation.resume() }
        }
        await #expect(throws: HashingPoolBusy.self) { try await pool.run { 2 } }
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await pool.run { 3 } == 3)
    }
}

extension Array where Element == UInt8 {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
