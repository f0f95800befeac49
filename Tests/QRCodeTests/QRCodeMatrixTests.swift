@testable import QRCode
import Testing

@Suite("QR code matrix and masking")
struct QRCodeMatrixTests {
    /// The 15 format bits as stored in the symbol, bit 14 first, read from copy one or two.
    private func formatBits(of code: QRCode, copy: Int) -> Int {
        let size = code.size
        let positions: [(Int, Int)] = copy == 1
            ? (0..<6).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (0..<6).reversed().map { ($0, 8) }
            : (0..<7).map { (size - 1 - $0, 8) } + (0..<8).map { (8, size - 8 + $0) }
        return positions.reduce(0) { $0 << 1 | (code[$1.0, $1.1] ? 1 : 0) }
    }

    @Test("function patterns, format and version information are where the standard puts them",
          arguments: [1, 2, 6, 7, 10, 40])
    func structure(version: Int) throws {
        let bytes = [UInt8](repeating: 0x5A, count: VersionTable.byteCapacity(version: version))
        let code = try QRCode(encoding: bytes)
        try #require(code.version == version)
        let size = code.size
        #expect(size == 17 + 4 * version)
        // Finder patterns with separators in three corners.
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(code[top + row, left + column] == (ring != 2), "finder at \(top),\(left)")
                }
            }
        }
        for index in 0..<8 {
            #expect(!code[7, index] && !code[index, 7] && !code[7, size - 1 - index] && !code[size - 8, index])
        }
        // Timing patterns and the dark module.
        for index in 8..<(size - 8) {
            #expect(code[6, index] == (index % 2 == 0) && code[index, 6] == (index % 2 == 0))
        }
        #expect(code[size - 8, 8])
        // Both copies of the format information name level M and the chosen mask.
        let format = FormatInformation.formatBits(mask: code.mask)
        #expect(formatBits(of: code, copy: 1) == format)
        #expect(formatBits(of: code, copy: 2) == format)
        // Version information in both 6×3 blocks from version 7.
        if version >= 7 {
            let bits = FormatInformation.versionBits(version: version)
            for index in 0..<18 {
                let dark = bits >> index & 1 == 1
                #expect(code[index / 3, size - 11 + index % 3] == dark && code[size - 11 + index % 3, index / 3] == dark)
            }
        }
        // The centre of every alignment pattern clear of the finders is dark, its ring light.
        let positions = VersionTable.alignmentPositions(version: version)
        for row in positions {
            for column in positions where !(row == 6 && column == 6) && !(row == 6 && column == size - 7) && !(row == size - 7 && column == 6) {
                #expect(code[row, column] && !code[row - 1, column] && !code[row, column + 1] && code[row + 2, column + 2])
            }
        }
    }

    @Test("data placement fills every non-function module, with only the remainder bits left over")
    func placementCoverage() {
        for version in [1, 2, 7, 14, 21, 40] {
            var builder = MatrixBuilder(version: version)
            let functionCount = builder.isFunction.filter { $0 }.count
            #expect(builder.size * builder.size - functionCount == VersionTable.rawDataModules(version: version))
            // All-dark codewords: exactly the data bits turn dark, the remainder bits stay light.
            let before = builder.modules.filter { $0 }.count
            builder.placeCodewords([UInt8](repeating: 0xFF, count: VersionTable.totalCodewords(version: version)))
            #expect(builder.modules.filter { $0 }.count - before == VersionTable.totalCodewords(version: version) * 8)
        }
    }

    @Test("masks follow Table 10 and leave function patterns alone")
    func masks() {
        #expect(MatrixBuilder.maskInverts(mask: 0, row: 0, column: 0))
        #expect(!MatrixBuilder.maskInverts(mask: 0, row: 0, column: 1))
        #expect(MatrixBuilder.maskInverts(mask: 1, row: 2, column: 5) && !MatrixBuilder.maskInverts(mask: 1, row: 3, column: 5))
        #expect(MatrixBuilder.maskInverts(mask: 2, row: 1, column: 3) && !MatrixBuilder.maskInverts(mask: 2, row: 1, column: 4))
        #expect(MatrixBuilder.maskInverts(mask: 3, row: 1, column: 2) && !MatrixBuilder.maskInverts(mask: 3, row: 1, column: 1))
        #expect(MatrixBuilder.maskInverts(mask: 4, row: 1, column: 2) && !MatrixBuilder.maskInverts(mask: 4, row: 2, column: 2))
        #expect(MatrixBuilder.maskInverts(mask: 5, row: 0, column: 7) && !MatrixBuilder.maskInverts(mask: 5, row: 1, column: 1))
        #expect(MatrixBuilder.maskInverts(mask: 6, row: 1, column: 1) && !MatrixBuilder.maskInverts(mask: 6, row: 1, column: 5))
        #expect(MatrixBuilder.maskInverts(mask: 7, row: 0, column: 0) && !MatrixBuilder.maskInverts(mask: 7, row: 1, column: 1))
        let plain = MatrixBuilder(version: 3)
        var masked = plain
        masked.applyMask(5)
        for index in plain.modules.indices where plain.isFunction[index] {
            #expect(masked.modules[index] == plain.modules[index])
        }
        masked.applyMask(5)
        #expect(masked.modules == plain.modules)
    }

    @Test("penalty rules N1–N4 score as Table 11 says")
    func penaltyRules() {
        // N1: a run of 5 scores 3, each further module 1 more; a 7-module line holds one run.
        #expect(MaskPenalty.lineScore([true, true, true, true, true, false, true], start: 0, stride: 1, length: 7) == 3)
        #expect(MaskPenalty.lineScore([false, false, false, false, false, false, false], start: 0, stride: 1, length: 7) == 5)
        #expect(MaskPenalty.lineScore([true, false, true, false, true, false, true], start: 0, stride: 1, length: 7) == 0)
        // N3: 1011101 with four light modules on one side (the edge counts as light) scores 40.
        let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        #expect(MaskPenalty.lineScore(finderLike, start: 0, stride: 1, length: 11) == 40, "a run of four light modules scores no N1")
        let boxed: [Bool] = [true, true, false, true, false, true, true, true, false, true, false, true, true]
        #expect(MaskPenalty.lineScore(boxed, start: 0, stride: 1, length: 13) == 0)
        // N2: every 2×2 block of one colour, overlapping ones included.
        #expect(MaskPenalty.blockScore([Bool](repeating: true, count: 9), size: 3) == 12)
        #expect(MaskPenalty.blockScore([true, false, true, false, true, false, true, false, true], size: 3) == 0)
        // N4: 10 per full 5 % step away from half dark.
        #expect(MaskPenalty.balanceScore([true, false]) == 0)
        #expect(MaskPenalty.balanceScore([Bool](repeating: true, count: 11) + [Bool](repeating: false, count: 9)) == 0)
        #expect(MaskPenalty.balanceScore([Bool](repeating: true, count: 12) + [Bool](repeating: false, count: 8)) == 10)
        #expect(MaskPenalty.balanceScore([Bool](repeating: true, count: 20)) == 90)
    }

    @Test("the chosen mask has the lowest penalty of the eight")
    func maskChoice() throws {
        for text in ["otpauth://totp/Sekisho:alice?secret=JBSWY3DPEHPK3PXP", "HELLO WORLD", String(repeating: "é", count: 90)] {
            let code = try QRCode(encoding: text)
            var builder = MatrixBuilder(version: code.version)
            builder.placeCodewords(CodewordSequence.codewords(for: Array(text.utf8), version: code.version))
            let penalties = (0..<8).map { mask in
                let candidate = QRCode(builder: builder, mask: mask)
                let modules = (0..<candidate.size * candidate.size).map { candidate[$0 / candidate.size, $0 % candidate.size] }
                return MaskPenalty.score(modules, size: candidate.size)
            }
            #expect(penalties[code.mask] == penalties.min())
            #expect(penalties.firstIndex(of: penalties.min()!) == code.mask)
            #expect(QRCode(builder: builder, mask: code.mask) == code)
        }
    }

    @Test("encoding is deterministic and the matrix is Sendable")
    func deterministic() throws {
        let first = try QRCode(encoding: "otpauth://totp/x?secret=ABC")
        let second = try QRCode(encoding: Array("otpauth://totp/x?secret=ABC".utf8))
        #expect(first == second)
        let sendable: any Sendable = first
        #expect(sendable is QRCode)
        #expect(!first.isDark(row: -1, column: 0) && !first.isDark(row: 0, column: first.size))
        #expect(first.darkModuleCount == (0..<first.size).reduce(0) { sum, row in
            sum + (0..<first.size).filter { first[row, $0] }.count
        })
    }
}
