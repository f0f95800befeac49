@testable import QRCode
import Testing

@Suite("QR code encoder")
struct QRCodeEncoderTests {
    @Test("Reed–Solomon: the generator polynomial of degree 10 is ISO's")
    func generatorPolynomial() {
        // x¹⁰ + α²⁵¹x⁹ + α⁶⁷x⁸ + α⁴⁶x⁷ + α⁶¹x⁶ + α¹¹⁸x⁵ + α⁷⁰x⁴ + α⁶⁴x³ + α⁹⁴x² + α³²x + α⁴⁵
        let exponents = [251, 67, 46, 61, 118, 70, 64, 94, 32, 45]
        func alpha(_ power: Int) -> UInt8 {
            (0..<power).reduce(UInt8(1)) { value, _ in ReedSolomon.multiply(value, 2) }
        }
        #expect(ReedSolomon.generator(degree: 10) == exponents.map(alpha))
    }

    @Test("Reed–Solomon: known error-correction codewords")
    func errorCorrectionCodewords() {
        // ISO/IEC 18004 Annex I: "01234567", version 1-M.
        let iso: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.errorCorrection(for: iso, degree: 10) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
        // Thonky's QR tutorial: "HELLO WORLD", version 1-M.
        let hello: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.errorCorrection(for: hello, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
        // Thonky's tutorial, version 5-Q group 1 block 1 (18 error-correction codewords).
        let block: [UInt8] = [67, 85, 70, 134, 87, 38, 85, 194, 119, 50, 6, 18, 6, 103, 38]
        #expect(ReedSolomon.errorCorrection(for: block, degree: 18)
            == [213, 199, 11, 45, 115, 247, 241, 223, 229, 248, 154, 117, 154, 111, 86, 161, 111, 39])
    }

    @Test("format information for level M and each mask matches the standard's table")
    func formatInformation() {
        let table = [
            "101010000010010", "101000100100101", "101111001111100", "101101101001011",
            "100010111111001", "100000011001110", "100111110010111", "100101010100000",
        ]
        for mask in 0..<8 {
            #expect(FormatInformation.formatBits(mask: mask) == Int(table[mask], radix: 2), "mask \(mask)")
        }
    }

    @Test("version information matches Annex D")
    func versionInformation() {
        #expect(FormatInformation.versionBits(version: 7) == Int("000111110010010100", radix: 2))
        #expect(FormatInformation.versionBits(version: 8) == 0x085BC)
        #expect(FormatInformation.versionBits(version: 9) == 0x09A99)
        #expect(FormatInformation.versionBits(version: 10) == 0x0A4D3)
        #expect(FormatInformation.versionBits(version: 40) == 0x28C69)
    }

    @Test("byte capacities at level M for versions 1–40 match the standard")
    func capacities() {
        let expected = [
            14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
            711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989,
            2099, 2213, 2331,
        ]
        #expect(VersionTable.versions.map { QRCode.byteCapacity(version: $0) } == expected)
        #expect(QRCode.byteCapacity(version: 0) == nil)
        #expect(QRCode.byteCapacity(version: 41) == nil)
        #expect(QRCode.maximumByteCount == 2331)
        #expect((1...10).map { VersionTable.dataCodewords(version: $0) } == [16, 28, 44, 64, 86, 108, 124, 154, 182, 216])
    }

    @Test("block structure matches Table 9", arguments: [
        // version, group 1 blocks, data codewords each, group 2 blocks, error-correction per block
        (1, 1, 16, 0, 10), (4, 2, 32, 0, 18), (5, 2, 43, 0, 24), (7, 4, 31, 0, 18),
        (9, 3, 36, 2, 22), (10, 4, 43, 1, 26), (13, 8, 37, 1, 22), (40, 18, 47, 31, 28),
    ])
    func blocks(version: Int, short: Int, data: Int, long: Int, ec: Int) {
        let layout = VersionTable.blockLayout(version: version)
        #expect(layout.shortBlockCount == short)
        #expect(layout.shortDataCount == data)
        #expect(layout.longBlockCount == long)
        #expect(layout.ecCount == ec)
    }

    @Test("alignment pattern positions match Annex E")
    func alignmentPositions() {
        #expect(VersionTable.alignmentPositions(version: 1) == [])
        #expect(VersionTable.alignmentPositions(version: 2) == [6, 18])
        #expect(VersionTable.alignmentPositions(version: 7) == [6, 22, 38])
        #expect(VersionTable.alignmentPositions(version: 10) == [6, 28, 50])
        #expect(VersionTable.alignmentPositions(version: 22) == [6, 26, 50, 74, 98])
        #expect(VersionTable.alignmentPositions(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(VersionTable.alignmentPositions(version: 36) == [6, 24, 50, 76, 102, 128, 154])
        #expect(VersionTable.alignmentPositions(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test("the smallest version that fits is chosen; one byte more moves up a version")
    func versionSelection() throws {
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 14)).version == 1)
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 15)).version == 2)
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 26)).version == 2)
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 27)).version == 3)
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 213)).version == 10)
        #expect(try QRCode(encoding: [UInt8](repeating: 0x61, count: 214)).version == 11)
        for version in VersionTable.versions {
            let capacity = VersionTable.byteCapacity(version: version)
            #expect(VersionTable.smallestVersion(fitting: capacity) == version)
            #expect(VersionTable.smallestVersion(fitting: capacity + 1) == (version < 40 ? version + 1 : nil))
        }
        // A String counts UTF-8 bytes: four kana are 12 bytes, five are 15.
        #expect(try QRCode(encoding: "ああああ").version == 1)
        #expect(try QRCode(encoding: "あああああ").version == 2)
        let code = try QRCode(encoding: "")
        #expect(code.version == 1 && code.size == 21)
    }

    @Test("data too long for version 40 throws")
    func tooLong() throws {
        #expect(try QRCode(encoding: [UInt8](repeating: 0x30, count: 2331)).version == 40)
        #expect(throws: QRCodeError.dataTooLong(byteCount: 2332, maximumByteCount: 2331)) {
            try QRCode(encoding: [UInt8](repeating: 0x30, count: 2332))
        }
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: String(repeating: "関", count: 778)) // 2334 bytes
        }
        #expect(error == .dataTooLong(byteCount: 2334, maximumByteCount: 2331))
        #expect(error.map { "\($0)" }?.contains("2334 bytes") == true)
    }

    @Test("data codewords: mode, count, data, terminator and alternating pad codewords")
    func dataCodewords() {
        // 0100 | 00000001 | 01100001 | 0000 → 0x40 0x16 0x10, then 0xEC 0x11 … to 16 codewords.
        let short = CodewordSequence.dataCodewords(for: Array("a".utf8), version: 1)
        #expect(short == [0x40, 0x16, 0x10, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
        // Full version 1: 4 + 8 + 112 bits leave room for exactly the 4-bit terminator.
        let full = CodewordSequence.dataCodewords(for: [UInt8](repeating: 0xFF, count: 14), version: 1)
        #expect(full.count == 16)
        #expect(full[0] == 0x40 && full[1] == 0xEF && full.last == 0xF0)
        // Version 10 and up count in 16 bits.
        let wide = CodewordSequence.dataCodewords(for: [0x41], version: 10)
        #expect(Array(wide.prefix(4)) == [0x40, 0x00, 0x14, 0x10])
        #expect(wide.count == 216)
    }

    @Test("interleaving takes codeword i of every block in turn, group 2's extra codeword last")
    func interleaving() {
        // Version 10-M: 4 blocks of 43 data codewords, then 1 of 44.
        let data = (0..<216).map { UInt8($0 % 256) }
        let sequence = CodewordSequence.interleaved(data: data, version: 10)
        #expect(sequence.count == 346)
        #expect(Array(sequence.prefix(6)) == [0, 43, 86, 129, 172, 1])
        #expect(sequence[215] == 215) // the long block's last data codeword
        let lastBlock = Array(data[172..<216])
        #expect(sequence[216 + 4] == ReedSolomon.errorCorrection(for: lastBlock, degree: 26)[0])
    }
}
