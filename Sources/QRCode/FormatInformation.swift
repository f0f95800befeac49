/// The BCH-protected format and version information words (ISO/IEC 18004:2015 clauses 7.9 and
/// 7.10, Annexes C and D).
enum FormatInformation {
    /// Error correction level M's two-bit indicator (Table 12). M is 00, not 01: the indicators
    /// are not in L–M–Q–H order.
    static let levelMIndicator = 0b00

    /// The 15-bit format information for level M and `mask`, most significant bit first: the
    /// 5 data bits, the 10 bits of the BCH(15,5) code with generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1
    /// (0x537), all XORed with 101010000010010 (0x5412) so that no valid word is all zeros.
    static func formatBits(mask: Int) -> Int {
        precondition((0..<8).contains(mask), "mask out of range")
        let data = levelMIndicator << 3 | mask
        return (data << 10 | bchRemainder(data, dataWidth: 5, generator: 0x537)) ^ 0x5412
    }

    /// The 18-bit version information for versions 7 and up, most significant bit first: the
    /// 6-bit version number followed by the 12 bits of the BCH(18,6) code with generator
    /// x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1 (0x1F25). Not masked.
    static func versionBits(version: Int) -> Int {
        precondition(version >= 7 && version <= 40, "version information exists for versions 7–40")
        return version << 12 | bchRemainder(version, dataWidth: 6, generator: 0x1F25)
    }

    /// The remainder of `data`·x^k divided by `generator`, where k is the generator's degree.
    private static func bchRemainder(_ data: Int, dataWidth: Int, generator: Int) -> Int {
        let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
        var remainder = data << degree
        for bit in stride(from: dataWidth + degree - 1, through: degree, by: -1) {
            if remainder >> bit & 1 == 1 {
                remainder ^= generator << (bit - degree)
            }
        }
        return remainder
    }
}
