@testable import QRCode
import Testing

/// One payload to encode and read back.
struct Payload: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// The version the encoder must choose, when the payload was sized for one.
    let expectedVersion: Int?

    init(_ name: String, _ bytes: [UInt8], version: Int? = nil) {
        self.name = name
        self.bytes = bytes
        expectedVersion = version
    }

    init(_ name: String, text: String, version: Int? = nil) {
        self.init(name, Array(text.utf8), version: version)
    }

    var testDescription: String { "\(name) (\(bytes.count) bytes)" }

    static let ascii = Array("The quick brown fox jumps over the lazy dog 0123456789 ~!@#$%^&*()_+{}|:<>? ".utf8)
    static let japanese = "コーデックストレージ、関所。日本語のテキストと ASCII text, mixed! "

    /// `count` bytes of printable ASCII.
    static func asciiBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { ascii[$0 % ascii.count] }
    }

    /// The longest run of whole characters of Japanese-and-ASCII text that fits `version` exactly:
    /// more bytes than the version below holds (capacities differ by at least 12, a character is
    /// at most 3 bytes, so it lands on `version`).
    static func utf8Text(filling version: Int) -> String {
        let capacity = VersionTable.byteCapacity(version: version)
        var text = ""
        for character in repeatElement(japanese, count: 100).joined() {
            if text.utf8.count + character.utf8.count > capacity { break }
            text.append(character)
        }
        return text
    }

    /// Every version at its exact byte capacity (ASCII), every version filled with UTF-8 text,
    /// the authenticator URI, and odd cases.
    static let all: [Payload] = {
        var payloads: [Payload] = []
        for version in VersionTable.versions {
            payloads.append(Payload("ASCII at the capacity of version \(version)",
                                    asciiBytes(VersionTable.byteCapacity(version: version)), version: version))
            payloads.append(Payload("UTF-8 text filling version \(version)",
                                    text: utf8Text(filling: version), version: version))
        }
        payloads.append(Payload("otpauth URI", text: otpauthURI, version: 12))
        payloads.append(Payload("empty", [], version: 1))
        payloads.append(Payload("one byte", [0x41], version: 1))
        payloads.append(Payload("every byte value", Array(0...255), version: 12))
        payloads.append(Payload("NUL and high bytes", [0x00, 0xFF, 0x80, 0x00, 0xC3, 0x28, 0xFE]))
        for length in [3, 10, 17, 40, 77, 100, 150, 199, 500, 1000] {
            payloads.append(Payload("ASCII, \(length) bytes", asciiBytes(length)))
        }
        return payloads
    }()

    /// An authenticator URI as the two-step verification page makes it: the service name
    /// コーデックストレージ percent-encoded in the label and the `issuer` parameter (261 bytes).
    static let otpauthURI = "otpauth://totp/" + issuer + ":alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=" + issuer
    static let issuer = "%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%E3%82%B9%E3%83%88%E3%83%AC%E3%83%BC%E3%82%B8"
}

@Suite("QR code decoding with zbarimg", .enabled(if: !Zbar.skipRequested, "skipped while SEKISHO_SKIP_ZBAR=1 is set"))
struct QRCodeDecodingTests {
    @Test("zbarimg reads back exactly the bytes encoded", arguments: Payload.all)
    func roundTrip(_ payload: Payload) throws {
        let code = try QRCode(encoding: payload.bytes)
        if let expected = payload.expectedVersion {
            #expect(code.version == expected)
        }
        let decoded = try Zbar.decode(code)
        #expect(decoded == payload.bytes)
    }

    @Test("a String encodes as its UTF-8 bytes")
    func text() throws {
        let code = try QRCode(encoding: Payload.otpauthURI)
        let decoded = try #require(try Zbar.decode(code))
        #expect(String(decoding: decoded, as: UTF8.self) == Payload.otpauthURI)
    }

    @Test("every mask pattern reads back, with and without version information", arguments: [1, 6, 7, 21])
    func everyMask(version: Int) throws {
        let bytes = Payload.asciiBytes(VersionTable.byteCapacity(version: version))
        var builder = MatrixBuilder(version: version)
        builder.placeCodewords(CodewordSequence.codewords(for: bytes, version: version))
        for mask in 0..<8 {
            let code = QRCode(builder: builder, mask: mask)
            #expect(code.mask == mask)
            #expect(try Zbar.decode(code) == bytes, "mask \(mask)")
        }
    }

    @Test("error correction repairs a burst of damage spread over the interleaved blocks")
    func damaged() throws {
        // Version 10 has five blocks with 26 error-correction codewords each, so up to 13 wrong
        // codewords per block are repaired. Interleaving spreads a burst of 50 consecutive
        // damaged codewords as 10 per block: readable only if blocks and interleaving are right.
        let bytes = Payload.asciiBytes(200)
        let intact = try QRCode(encoding: bytes)
        try #require(intact.version == 10)
        var codewords = CodewordSequence.codewords(for: bytes, version: 10)
        for index in 20..<70 {
            codewords[index] ^= 0xA5
        }
        var builder = MatrixBuilder(version: 10)
        builder.placeCodewords(codewords)
        let damaged = QRCode(builder: builder, mask: intact.mask)
        #expect(damaged != intact)
        #expect(try Zbar.decode(damaged) == bytes)
    }
}
