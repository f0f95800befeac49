import Crypto
public import Foundation

/// The 160-bit TOTP secret of one person's authenticator app (RFC 4226 §4 recommends 160 bits).
public struct AuthenticatorKey: Sendable, Equatable {
    public static let byteCount = 20

    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// A fresh key from the system CSPRNG.
    public static func generate() -> AuthenticatorKey {
        AuthenticatorKey(bytes: SymmetricKey(size: .init(bitCount: byteCount * 8)).withUnsafeBytes { Array($0) })!
    }

    /// The key as people type it into an app: 32 base32 characters.
    public var base32: String { Base32.encode(bytes) }

    /// The key as the text shown for manual entry, in groups of four for reading aloud.
    public var grouped: String {
        var groups: [Substring] = []
        var rest = Substring(base32)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER` (Key URI format): label prefix and
    /// `issuer` both name the service, percent-encoded; SHA-1, 6 digits, 30 s are the defaults and
    /// therefore not spelled out.
    public func uri(issuer: String, account: String) -> String {
        let label = "\(Self.encode(issuer)):\(Self.encode(account))"
        return "otpauth://totp/\(label)?secret=\(base32)&issuer=\(Self.encode(issuer))"
    }

    /// RFC 3986 unreserved characters and `@` stay; everything else, `:` included, is percent-encoded.
    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
