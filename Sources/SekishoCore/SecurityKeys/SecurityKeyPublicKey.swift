import Crypto
import CryptoExtras

/// A security key's public key, from the COSE_Key (RFC 9053) its authenticator returned at
/// registration. The three algorithms browsers ask for by default: ES256 (most keys and phones),
/// EdDSA, and RS256 (Windows Hello); anything else is refused at registration.
enum SecurityKeyPublicKey: Sendable {
    case es256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
    case rs256(_RSA.Signing.PublicKey)

    /// Reads the key from its COSE_Key encoding, checking that type, algorithm and curve agree.
    init(cose bytes: [UInt8]) throws(SecurityKeyRejected) {
        guard let key = try? CBOR.decode(bytes) else { throw .malformed }
        try self.init(cose: key)
    }

    init(cose key: CBOR) throws(SecurityKeyRejected) {
        // Labels: 1 kty, 3 alg, -1 crv (or n for RSA), -2 x (or e), -3 y.
        switch (key[label: 1]?.integer, key[label: 3]?.integer) {
        case (2, -7):
            guard key[label: -1]?.integer == 1, let x = key[label: -2]?.byteString, let y = key[label: -3]?.byteString,
                  x.count == 32, y.count == 32, let publicKey = try? P256.Signing.PublicKey(rawRepresentation: x + y)
            else { throw .malformed }
            self = .es256(publicKey)
        case (1, -8):
            guard key[label: -1]?.integer == 6, let x = key[label: -2]?.byteString,
                  let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: x)
            else { throw .malformed }
            self = .ed25519(publicKey)
        case (3, -257):
            guard let n = key[label: -1]?.byteString, let e = key[label: -2]?.byteString,
                  let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e)
            else { throw .malformed }
            self = .rs256(publicKey)
        default:
            throw .unsupportedAlgorithm
        }
    }

    /// Whether `signature` (as WebAuthn encodes it: DER for ECDSA, raw for EdDSA and RSA) signs `data`.
    func isValidSignature(_ signature: [UInt8], for data: [UInt8]) -> Bool {
        switch self {
        case .es256(let key):
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: data)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: data)
        case .rs256(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: data, padding: .insecurePKCS1v1_5)
        }
    }
}

/// Why a security key's response does not get in (or is not registered). Never a success.
public enum SecurityKeyRejected: String, Error, Sendable {
    /// Not WebAuthn: unreadable JSON, CBOR or authenticator data.
    case malformed
    /// A ceremony of another kind, another challenge, another origin or another relying party.
    case wrongCeremony = "wrong_ceremony"
    /// The person did not touch the key (user presence flag clear).
    case notPresent = "not_present"
    case unsupportedAlgorithm = "unsupported_algorithm"
    case badSignature = "bad_signature"
    /// Not one of the person's keys, or a key registered already.
    case unknownKey = "unknown_key"
    /// The signature counter went backwards: a cloned key (WebAuthn §6.1.1).
    case counterReplayed = "counter"
}
