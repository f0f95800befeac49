/// Symbol parameters for error correction level M, versions 1 through 40 (ISO/IEC 18004:2015,
/// Tables 1, 7 and 9 and Annex E).
///
/// Only the two columns of Table 9 that cannot be derived are stored: the error-correction
/// codewords per block and the number of blocks. Everything else — total codewords, data
/// codewords, how the blocks split into the shorter group 1 and the one-codeword-longer group 2,
/// and the alignment pattern centres — follows from the symbol geometry, which keeps the table
/// small enough to check by eye against the standard.
enum VersionTable {
    /// The versions this encoder produces.
    static let versions: ClosedRange<Int> = 1...40

    /// Level M error-correction codewords per block, indexed by `version - 1` (Table 9).
    private static let ecCodewordsPerBlock: [Int] = [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, // 1–10
        30, 22, 22, 24, 24, 28, 28, 26, 26, 26, // 11–20
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 21–30
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 31–40
    ]

    /// Level M error-correction block count (group 1 plus group 2), indexed by `version - 1`.
    private static let blockCounts: [Int] = [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, // 1–10
        5, 8, 9, 9, 10, 10, 11, 13, 14, 16, // 11–20
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, // 21–30
        31, 33, 35, 37, 38, 40, 43, 45, 47, 49, // 31–40
    ]

    /// How a version's codewords are cut into Reed–Solomon blocks.
    struct BlockLayout: Equatable {
        /// Blocks in group 1, each with `shortDataCount` data codewords.
        let shortBlockCount: Int
        /// Data codewords per group 1 block; group 2 blocks carry one more.
        let shortDataCount: Int
        /// Blocks in both groups together.
        let blockCount: Int
        /// Error-correction codewords appended to every block.
        let ecCount: Int

        /// Blocks in group 2 (`shortDataCount + 1` data codewords each).
        var longBlockCount: Int { blockCount - shortBlockCount }

        /// Data codewords in block `index` (group 1 blocks come first).
        func dataCount(ofBlock index: Int) -> Int {
            index < shortBlockCount ? shortDataCount : shortDataCount + 1
        }
    }

    /// Modules per side: 21 for version 1, four more per version.
    static func size(version: Int) -> Int { 17 + 4 * version }

    /// Modules left for codewords (and remainder bits) once every function pattern, the format
    /// information and the version information are drawn.
    static func rawDataModules(version: Int) -> Int {
        // The full square (4v + 17)², minus three finders with separators (192), the format
        // information with the dark module (31) and the two timing lines (8v + 2).
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            // Alignment patterns (25 modules each), less their overlap with the timing lines.
            let perSide = version / 7 + 2
            modules -= (25 * perSide - 10) * perSide - 55
            if version >= 7 {
                modules -= 36 // two 6×3 version information blocks
            }
        }
        return modules
    }

    /// All codewords of the symbol, data and error correction (Table 1, column "Number of
    /// codewords"); the 0–7 bits beyond the last full byte are remainder bits.
    static func totalCodewords(version: Int) -> Int { rawDataModules(version: version) / 8 }

    /// Data codewords at level M (Table 7).
    static func dataCodewords(version: Int) -> Int {
        totalCodewords(version: version) - ecCodewordsPerBlock[version - 1] * blockCounts[version - 1]
    }

    /// Bits of the byte-mode character count indicator (Table 3): 8 up to version 9, then 16.
    static func characterCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes one symbol of `version` carries in byte mode: the data capacity less the
    /// 4-bit mode indicator and the character count indicator.
    static func byteCapacity(version: Int) -> Int {
        (dataCodewords(version: version) * 8 - 4 - characterCountBits(version: version)) / 8
    }

    /// The smallest version whose byte capacity holds `byteCount`, or `nil` when none does.
    static func smallestVersion(fitting byteCount: Int) -> Int? {
        versions.first { byteCapacity(version: $0) >= byteCount }
    }

    /// The block structure of `version` at level M.
    static func blockLayout(version: Int) -> BlockLayout {
        let blockCount = blockCounts[version - 1]
        let ecCount = ecCodewordsPerBlock[version - 1]
        let total = totalCodewords(version: version)
        // Group 2 blocks take the codewords that do not divide evenly, one each.
        let shortBlockCount = blockCount - total % blockCount
        let shortDataCount = total / blockCount - ecCount
        return BlockLayout(
            shortBlockCount: shortBlockCount, shortDataCount: shortDataCount,
            blockCount: blockCount, ecCount: ecCount
        )
    }

    /// Row/column coordinates of alignment pattern centres (Annex E, Table E.1); every pairing of
    /// two of them is a centre unless it falls on a finder pattern.
    ///
    /// The first is always 6 and the last `size - 7`; the ones between are evenly spaced by an
    /// even step counted back from the last, which reproduces Table E.1 (version 32's step of 26
    /// is the one exception to the rounding).
    static func alignmentPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var positions = [6]
        let last = size(version: version) - 7
        for index in stride(from: count - 2, through: 0, by: -1) {
            positions.append(last - index * step)
        }
        return positions
    }
}
