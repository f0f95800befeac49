import Crypto
public import Foundation

/// The lost-device code (SPEC C4, I2): 120 random bits as 24 characters of Crockford's base32,
/// shown in six groups joined by 「-」. 120 bits is beyond guessing, so a plain SHA-256 is the stored
/// form (ASVS 6.5.2 allows an unsalted hash at ≥ 112 bits).
public struct RecoveryCode: Sendable, Equatable {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let length = 24
    static let groupLength = 4
    /// The longest input considered: the code with generous separators and blanks around it.
    public static let maxInputLength = 80

    /// The 24 characters without separators, upper case.
    public let canonical: String

    /// A fresh code from the system CSPRNG (each byte's low 5 bits: 120 uniform bits).
    public static func generate() -> RecoveryCode {
        let random = SymmetricKey(size: .init(bitCount: length * 8)).withUnsafeBytes { Array($0) }
        return RecoveryCode(canonical: String(decoding: random.map { alphabet[Int($0 & 0x1F)] }, as: UTF8.self))
    }

    private init(canonical: String) { self.canonical = canonical }

    /// Reads a code as people paste or type it: spaces, 「-」 (full-width too) and letter case do not
    /// matter; I and L read as 1, O as 0 (Crockford). `nil` for anything else.
    public init?(typed raw: String) {
        guard raw.count <= Self.maxInputLength else { return nil }
        var characters: [UInt8] = []
        for scalar in TextInput.folded(raw).uppercased().unicodeScalars {
            switch scalar {
            case " ", "-", "\u{2010}", "\u{2212}", "\u{30FC}": continue
            case "I", "L": characters.append(UInt8(ascii: "1"))
            case "O": characters.append(UInt8(ascii: "0"))
            default:
                guard scalar.isASCII, Self.alphabet.contains(UInt8(scalar.value)) else { return nil }
                characters.append(UInt8(scalar.value))
            }
        }
        guard characters.count == Self.length else { return nil }
        canonical = String(decoding: characters, as: UTF8.self)
    }

    /// `ABCD-EFGH-…`: how the code is shown.
    public var display: String {
        var groups: [Substring] = []
        var rest = Substring(canonical)
        while !rest.isEmpty {
            groups.append(rest.prefix(Self.groupLength))
            rest = rest.dropFirst(Self.groupLength)
        }
        return groups.joined(separator: "-")
    }

    /// The stored form.
    public var digest: TokenDigest { TokenDigest(of: "recovery:" + canonical) }
}
