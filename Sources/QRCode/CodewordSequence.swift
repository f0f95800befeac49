/// Turns the payload bytes into the final codeword sequence of a symbol (ISO/IEC 18004:2015
/// clauses 7.4 and 7.6): the byte-mode bit stream, padded to the version's data capacity, cut into
/// blocks, each block given its Reed–Solomon codewords, and all of it interleaved.
enum CodewordSequence {
    /// Byte-mode indicator (Table 2).
    private static let byteModeIndicator = 0b0100

    /// The pad codewords, used alternately to fill unused data capacity (clause 7.4.10).
    private static let padCodewords: [UInt8] = [0xEC, 0x11]

    /// The data codewords for `bytes` in one byte-mode segment, exactly
    /// `VersionTable.dataCodewords(version:)` long. `bytes` must fit the version.
    static func dataCodewords(for bytes: [UInt8], version: Int) -> [UInt8] {
        let capacityBits = VersionTable.dataCodewords(version: version) * 8
        var buffer = BitBuffer()
        buffer.append(byteModeIndicator, width: 4)
        buffer.append(bytes.count, width: VersionTable.characterCountBits(version: version))
        for byte in bytes {
            buffer.append(Int(byte), width: 8)
        }
        precondition(buffer.count <= capacityBits, "data does not fit the chosen version")
        // Terminator: up to four 0 bits, fewer when the symbol is full. The zero bits up to the
        // next byte boundary then come for free, since BitBuffer zero-fills its last byte.
        buffer.append(0, width: min(4, capacityBits - buffer.count))
        var codewords = buffer.bytes
        var padIndex = 0
        while codewords.count * 8 < capacityBits {
            codewords.append(padCodewords[padIndex])
            padIndex ^= 1
        }
        return codewords
    }

    /// Splits `data` into the version's blocks, appends each block's error-correction codewords
    /// and interleaves them: first codeword of every block, then the second of every block, and
    /// so on (the shorter group 1 blocks simply run out a round early), then the error-correction
    /// codewords the same way.
    static func interleaved(data: [UInt8], version: Int) -> [UInt8] {
        let layout = VersionTable.blockLayout(version: version)
        precondition(data.count == VersionTable.dataCodewords(version: version), "wrong data length")
        var blocks: [ArraySlice<UInt8>] = []
        var errorCorrection: [[UInt8]] = []
        var start = 0
        for index in 0..<layout.blockCount {
            let end = start + layout.dataCount(ofBlock: index)
            let block = data[start..<end]
            blocks.append(block)
            errorCorrection.append(ReedSolomon.errorCorrection(for: Array(block), degree: layout.ecCount))
            start = end
        }
        var result: [UInt8] = []
        result.reserveCapacity(VersionTable.totalCodewords(version: version))
        for offset in 0...layout.shortDataCount {
            for block in blocks where offset < block.count {
                result.append(block[block.startIndex + offset])
            }
        }
        for offset in 0..<layout.ecCount {
            for codewords in errorCorrection {
                result.append(codewords[offset])
            }
        }
        return result
    }

    /// The complete codeword sequence for `bytes` at `version`, ready for placement.
    static func codewords(for bytes: [UInt8], version: Int) -> [UInt8] {
        interleaved(data: dataCodewords(for: bytes, version: version), version: version)
    }
}
