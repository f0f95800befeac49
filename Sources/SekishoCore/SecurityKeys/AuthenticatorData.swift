/// The authenticator data of a WebAuthn response (WebAuthn §6.1): the hash of the relying party id
/// the key signed for, the flags, the signature counter and, at registration, the new credential.
public struct AuthenticatorData: Sendable {
    public let relyingPartyHash: [UInt8]
    public let flags: UInt8
    public let signCount: UInt32
    public let credential: AttestedCredential?

    /// The credential a key created: its id and its public key as COSE_Key bytes.
    public struct AttestedCredential: Sendable {
        public let id: [UInt8]
        public let publicKey: [UInt8]
    }

    public var userPresent: Bool { flags & 0x01 != 0 }
    public var userVerified: Bool { flags & 0x04 != 0 }

    /// The longest credential id WebAuthn allows (§5.8.3).
    static let maxCredentialIDLength = 1023

    public init(_ bytes: [UInt8]) throws(SecurityKeyRejected) {
        guard bytes.count >= 37 else { throw .malformed }
        relyingPartyHash = Array(bytes[0..<32])
        flags = bytes[32]
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        var rest = bytes[37...]
        if flags & 0x40 != 0 {
            // AAGUID (16 bytes), the id's length (2), the id, then the key as one CBOR item.
            guard rest.count >= 18 else { throw .malformed }
            let idStart = rest.startIndex + 18
            let idLength = Int(rest[rest.startIndex + 16]) << 8 | Int(rest[rest.startIndex + 17])
            guard idLength >= 16, idLength <= Self.maxCredentialIDLength, rest.count >= 18 + idLength else { throw .malformed }
            let keyStart = idStart + idLength
            guard let (_, keyLength) = try? CBOR.decodePrefix(bytes[keyStart...]) else { throw .malformed }
            credential = AttestedCredential(
                id: Array(bytes[idStart..<keyStart]), publicKey: Array(bytes[keyStart..<keyStart + keyLength]))
            rest = bytes[(keyStart + keyLength)...]
        } else {
            credential = nil
        }
        if flags & 0x80 != 0 {
            guard let (_, length) = try? CBOR.decodePrefix(rest) else { throw .malformed }
            rest = rest.dropFirst(length)
        }
        guard rest.isEmpty else { throw .malformed }
    }
}
