/// Lays out one symbol's modules (ISO/IEC 18004:2015 clauses 6.3 and 7.7–7.10): the function
/// patterns, the codewords in their two-column zigzag, the data mask and the format and version
/// information.
///
/// Modules are stored row-major in flat arrays (`row * size + column`); `true` is dark.
struct MatrixBuilder {
    /// The symbol version, 1...40.
    let version: Int
    /// Modules per side.
    let size: Int
    /// The module colours.
    private(set) var modules: [Bool]
    /// Which modules belong to function patterns (and format/version information), so data
    /// placement and masking leave them alone.
    private(set) var isFunction: [Bool]

    /// A symbol of `version` with every function pattern drawn and the format information area
    /// reserved (drawn for mask 0, redrawn by ``drawFormatBits(mask:)``); the data area is light.
    init(version: Int) {
        precondition(VersionTable.versions.contains(version), "version out of range")
        self.version = version
        size = VersionTable.size(version: version)
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        drawTimingPatterns()
        drawFinderPatterns()
        drawAlignmentPatterns()
        drawFormatBits(mask: 0)
        drawVersionBits()
    }

    /// Whether the module at `row`, `column` is dark.
    subscript(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    // MARK: Function patterns

    private mutating func setFunction(row: Int, column: Int, dark: Bool) {
        modules[row * size + column] = dark
        isFunction[row * size + column] = true
    }

    /// Row 6 and column 6 alternate dark and light, starting dark. The finders drawn afterwards
    /// overwrite the ends.
    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
    }

    /// The three 7×7 finder patterns with their one-module light separators.
    private mutating func drawFinderPatterns() {
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for row in (top - 1)...(top + 7) where row >= 0 && row < size {
                for column in (left - 1)...(left + 7) where column >= 0 && column < size {
                    // Rings by Chebyshev distance from the centre: 3×3 core, light ring, dark
                    // ring, light separator.
                    let distance = max(abs(row - top - 3), abs(column - left - 3))
                    setFunction(row: row, column: column, dark: distance != 2 && distance != 4)
                }
            }
        }
    }

    /// The 5×5 alignment patterns at every pairing of Table E.1's coordinates except the three
    /// that would overlap a finder pattern.
    private mutating func drawAlignmentPatterns() {
        let positions = VersionTable.alignmentPositions(version: version)
        guard let first = positions.first, let last = positions.last else { return }
        for centreRow in positions {
            for centreColumn in positions {
                let nearFinder = (centreRow == first && (centreColumn == first || centreColumn == last))
                    || (centreRow == last && centreColumn == first)
                if nearFinder { continue }
                for row in (centreRow - 2)...(centreRow + 2) {
                    for column in (centreColumn - 2)...(centreColumn + 2) {
                        let distance = max(abs(row - centreRow), abs(column - centreColumn))
                        setFunction(row: row, column: column, dark: distance != 1)
                    }
                }
            }
        }
    }

    /// Draws both copies of the format information for level M and `mask`, and the dark module.
    ///
    /// Bit 0 is the least significant bit of ``FormatInformation/formatBits(mask:)``. Copy one
    /// wraps around the top-left finder: bits 0–5 down column 8 (rows 0–5), bits 6–8 around the
    /// timing pattern's corner, bits 9–14 along row 8 (columns 5 down to 0). Copy two puts
    /// bits 0–7 along row 8 from the right edge and bits 8–14 down column 8 at the bottom.
    mutating func drawFormatBits(mask: Int) {
        let bits = FormatInformation.formatBits(mask: mask)
        func bit(_ index: Int) -> Bool { bits >> index & 1 == 1 }
        for index in 0..<6 {
            setFunction(row: index, column: 8, dark: bit(index))
        }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9..<15 {
            setFunction(row: 8, column: 14 - index, dark: bit(index))
        }
        for index in 0..<8 {
            setFunction(row: 8, column: size - 1 - index, dark: bit(index))
        }
        for index in 8..<15 {
            setFunction(row: size - 15 + index, column: 8, dark: bit(index))
        }
        // The dark module beside the bottom-left finder (clause 7.9.1); always dark.
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// Draws the two 6×3 version information blocks (versions 7 and up): above the bottom-left
    /// finder and, transposed, left of the top-right finder. Bit i sits at row i / 3, column
    /// size − 11 + i % 3 of the top-right block.
    private mutating func drawVersionBits() {
        guard version >= 7 else { return }
        let bits = FormatInformation.versionBits(version: version)
        for index in 0..<18 {
            let dark = bits >> index & 1 == 1
            let long = size - 11 + index % 3
            let short = index / 3
            setFunction(row: short, column: long, dark: dark)
            setFunction(row: long, column: short, dark: dark)
        }
    }

    // MARK: Data

    /// Places `codewords` most significant bit first in the standard zigzag: two-module-wide
    /// columns from the right edge leftwards, alternately upwards and downwards, right module
    /// before left, skipping function modules and the vertical timing pattern's column. Modules
    /// left over (the 0–7 remainder bits) stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        precondition(codewords.count == VersionTable.totalCodewords(version: version), "wrong codeword count")
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 } // column 6 is the timing pattern
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in stride(from: right, through: right - 1, by: -1) where !isFunction[row * size + column] {
                    if bitIndex < bitCount {
                        let byte = codewords[bitIndex >> 3]
                        modules[row * size + column] = byte >> (7 - UInt8(bitIndex & 7)) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// XORs data mask `mask` (Table 10) into every non-function module. Applying the same mask
    /// twice restores the unmasked symbol.
    mutating func applyMask(_ mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] {
                if Self.maskInverts(mask: mask, row: row, column: column) {
                    modules[row * size + column].toggle()
                }
            }
        }
    }

    /// Whether data mask `mask` inverts the module at `row` (i in Table 10), `column` (j).
    static func maskInverts(mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case 7: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        default: preconditionFailure("mask out of range")
        }
    }
}
