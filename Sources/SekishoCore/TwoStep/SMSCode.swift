import Crypto
public import Foundation

/// The 6-digit code of one SMS (SPEC C3): uniform over 000000–999999, kept only as an HMAC keyed by
/// the sign-in attempt's session, so a copied table reveals no code and a code is bound to its attempt.
public struct SMSCode: Sendable, Equatable {
    public static let digits = 6
    public let text: String

    public static func generate() -> SMSCode {
        // Rejection sampling keeps every code equally likely.
        while true {
            let value = SymmetricKey(size: .bits128).withUnsafeBytes { $0.load(as: UInt32.self) }
            if value < UInt32.max - UInt32.max % 1_000_000 {
                let text = String(value % 1_000_000)
                return SMSCode(text: String(repeating: "0", count: digits - text.count) + text)
            }
        }
    }

    private init(text: String) { self.text = text }

    /// A typed code, already checked by ``TypedCode/digits(_:)``, to compare by digest.
    init(digits: String) { self.text = digits }

    /// The stored form for the attempt whose session digest is `attempt`.
    public func digest(attempt: TokenDigest) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(attempt.hex.utf8))).hexString
    }
}

/// A typed 6-digit code of either method: full-width digits and spaces are accepted, anything else
/// is refused before any comparison (and before it counts as an attempt).
public enum TypedCode {
    public static func digits(_ raw: String?) -> String? {
        guard let raw, raw.count <= 32 else { return nil }
        let text = TextInput.folded(raw).filter { $0 != " " }
        guard text.count == SMSCode.digits, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text
    }
}
