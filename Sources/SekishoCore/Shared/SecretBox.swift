import Crypto
public import Foundation

/// Encrypts the few secrets Sekisho must read back (TOTP keys, a recovery code between two pages)
/// with AES-256-GCM under the server key. `context` is bound as associated data, so a sealed value
/// copied to another row (another person) does not open.
public struct SecretBox: Sendable {
    public static let keyByteCount = 32
    private let key: SymmetricKey

    /// `nil` unless `keyBytes` is exactly 32 bytes.
    public init?(keyBytes: [UInt8]) {
        guard keyBytes.count == Self.keyByteCount else { return nil }
        key = SymmetricKey(data: keyBytes)
    }

    /// 32 fresh bytes from the system CSPRNG, for a new server key.
    public static func generateKeyBytes() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// Nonce, ciphertext and tag as unpadded base64.
    public func seal(_ plaintext: [UInt8], context: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw SecretBoxError.unreadable }
        return UnpaddedBase64.encode(combined)
    }

    public func open(_ sealed: String, context: String) throws -> [UInt8] {
        guard let bytes = UnpaddedBase64.decode(Substring(sealed)),
              let box = try? AES.GCM.SealedBox(combined: bytes),
              let plaintext = try? AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
        else { throw SecretBoxError.unreadable }
        return Array(plaintext)
    }
}

/// A sealed value that does not open: tampered, from another row, or sealed under another key.
public enum SecretBoxError: Error, Sendable {
    case unreadable
}
