/// Reed–Solomon error-correction codewords over GF(256) as QR codes use them (ISO/IEC 18004:2015
/// clause 7.5.2): the field is built on the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D),
/// α = 2, and the generator polynomial of degree n is (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
enum ReedSolomon {
    /// αⁱ for i in 0..<510; doubled so a sum of two logarithms never needs reducing mod 255.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            table[index + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// logα(x) for x in 1...255; entry 0 is unused because 0 has no logarithm.
    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 {
            table[Int(exponents[index])] = index
        }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
        guard lhs != 0, rhs != 0 else { return 0 }
        return exponents[logarithms[Int(lhs)] + logarithms[Int(rhs)]]
    }

    /// The generator polynomial of `degree`, highest power first, without its leading 1
    /// (it is monic): `degree` coefficients.
    static func generator(degree: Int) -> [UInt8] {
        precondition(degree >= 1 && degree <= 254, "Reed–Solomon degree out of range")
        // Start from the polynomial 1 and multiply by (x − αⁱ) for each root in turn;
        // subtraction is XOR in GF(2⁸).
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree {
                    coefficients[index] ^= coefficients[index + 1]
                }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The `degree` error-correction codewords for one block of data codewords: the remainder
    /// of data(x)·x^degree divided by the generator polynomial.
    static func errorCorrection(for data: [UInt8], degree: Int) -> [UInt8] {
        let divisor = generator(degree: degree)
        // Polynomial long division, keeping only the running remainder; `head` marks where the
        // remainder currently starts so shifting is an index move, not an array move.
        var remainder = [UInt8](repeating: 0, count: degree)
        var head = 0
        for byte in data {
            let factor = byte ^ remainder[head]
            remainder[head] = 0
            head = (head + 1) % degree
            guard factor != 0 else { continue }
            for index in 0..<degree {
                remainder[(head + index) % degree] ^= multiply(divisor[index], factor)
            }
        }
        return (0..<degree).map { remainder[(head + $0) % degree] }
    }
}
