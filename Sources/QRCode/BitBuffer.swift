/// An append-only sequence of bits packed most-significant bit first into bytes, which is the
/// order QR code codewords are read in.
struct BitBuffer {
    /// The packed bits; the last byte is zero-filled past `count`.
    private(set) var bytes: [UInt8] = []
    /// How many bits have been appended.
    private(set) var count = 0

    /// Appends the low `width` bits of `value`, most significant first.
    mutating func append(_ value: Int, width: Int) {
        precondition(width >= 0 && width <= 31 && value >> width == 0, "value does not fit in width")
        for shift in stride(from: width - 1, through: 0, by: -1) {
            appendBit((value >> shift) & 1 == 1)
        }
    }

    /// Appends one bit.
    mutating func appendBit(_ bit: Bool) {
        if count % 8 == 0 {
            bytes.append(0)
        }
        if bit {
            bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8)
        }
        count += 1
    }
}
