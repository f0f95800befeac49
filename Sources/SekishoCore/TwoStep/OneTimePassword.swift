import Crypto
public import Foundation

/// HOTP (RFC 4226) and TOTP (RFC 6238) over swift-crypto's HMAC. The key is the secret's bytes,
/// never the text of its base32 form.
public struct OneTimePassword: Sendable, Equatable {
    /// The HMAC of RFC 6238 §1.2. Sekisho issues SHA-1 keys for app compatibility; the others exist
    /// for the RFC's test vectors and for keys an operator might import.
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    public let algorithm: Algorithm
    public let digits: Int
    /// The time step X of RFC 6238, in seconds.
    public let period: Int64

    /// SHA-1, 6 digits, 30 s: what Google and Microsoft Authenticator read.
    public static let authenticatorApp = OneTimePassword(algorithm: .sha1, digits: 6, period: 30)

    public init(algorithm: Algorithm, digits: Int, period: Int64) {
        precondition((6...9).contains(digits) && period > 0)
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    /// The time step T of `date` (T0 = 0).
    public func step(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970)) / period
    }

    /// The TOTP value at `date`.
    public func code(key: [UInt8], at date: Date) -> String {
        code(key: key, counter: UInt64(step(at: date)))
    }

    /// The HOTP value for `counter`: dynamic truncation (RFC 4226 §5.3), zero-padded to ``digits``.
    public func code(key: [UInt8], counter: UInt64) -> String {
        var bigEndian = counter.bigEndian
        let message = withUnsafeBytes(of: &bigEndian) { Data($0) }
        let symmetricKey = SymmetricKey(data: key)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetricKey))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetricKey))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: symmetricKey))
        }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The step within `T-window…T+window` whose code equals `code`, compared in constant time; the
    /// caller still has to refuse steps already accepted (replay).
    public func matchingStep(of code: String, key: [UInt8], at date: Date, window: Int64 = 1) -> Int64? {
        let now = step(at: date)
        var found: Int64?
        for candidate in (now - window)...(now + window) where candidate >= 0 {
            // Every candidate is computed and compared, so the time taken does not tell which matched.
            if ConstantTime.equals(self.code(key: key, counter: UInt64(candidate)), code), found == nil {
                found = candidate
            }
        }
        return found
    }
}
