import Crypto
import Foundation

/// A 256-bit random secret handed to a browser or written into a mail link (session id, mail ticket).
/// Only ``digest`` is ever stored; the token itself exists in the response and nowhere else.
public struct SecretToken: Sendable, Equatable {
    /// The token as it travels: 43 characters of unpadded base64url.
    public let text: String

    /// A fresh token from the system CSPRNG.
    public static func generate() -> SecretToken {
        let key = SymmetricKey(size: .bits256)
        return SecretToken(text: key.withUnsafeBytes { Base64URL.encode($0) })
    }

    /// Accepts untrusted text only when it has the exact shape of a generated token, so garbage
    /// never reaches the database.
    public init?(parsing text: String) {
        guard text.utf8.count == 43, text.utf8.allSatisfy(Base64URL.isAlphabet) else { return nil }
        self.text = text
    }

    private init(text: String) { self.text = text }

    /// SHA-256 of the token, lower-case hex: the only form kept at rest.
    public var digest: TokenDigest { TokenDigest(of: text) }
}

/// The stored form of a ``SecretToken``.
public struct TokenDigest: Hashable, Sendable {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public init(of text: String) {
        self.hex = SHA256.hash(data: Data(text.utf8)).hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal. Written byte by byte into one buffer: every request hashes its
    /// session cookie, and building the text character by character showed in profiles.
    public var hexString: String {
        let bytes = Array(self)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = hexDigits[Int(byte >> 4)]
                buffer[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }
}

/// The ASCII codes of `0`–`9`, `a`–`f`.
private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

extension SecretToken {
    /// A value bound to this token that reveals nothing about it: HMAC-SHA256 keyed with the token.
    /// The CSRF token of a session is `derived("csrf")`, so it needs no storage and dies with the session.
    public func derived(_ label: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(label.utf8), using: SymmetricKey(data: Data(text.utf8)))
        return Base64URL.encode(mac)
    }
}
