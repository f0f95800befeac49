import Crypto
import CryptoExtras
import Foundation
import JWTKit
import SekishoCore

/// The signature algorithms the test provider can sign ID tokens with.
public enum TestSigningAlgorithm: String, Sendable, CaseIterable {
    /// ECDSA P-256: fast to generate, the default.
    case es256 = "ES256"
    /// RSA 2048 PKCS#1 v1.5, what Google signs with (slow to generate in a debug build).
    case rs256 = "RS256"
}

/// One real private key of the test provider, with its key id.
struct TestSigningKey: Sendable {
    enum Material: Sendable {
        case es256(ES256PrivateKey)
        case rs256(JWTKit.Insecure.RSA.PrivateKey)
    }

    let kid: String
    let material: Material

    static func generate(_ algorithm: TestSigningAlgorithm, kid: String) throws -> TestSigningKey {
        switch algorithm {
        case .es256:
            return TestSigningKey(kid: kid, material: .es256(ES256PrivateKey()))
        case .rs256:
            let key = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
            return TestSigningKey(kid: kid, material: .rs256(key))
        }
    }

    var algorithm: TestSigningAlgorithm {
        switch material {
        case .es256: .es256
        case .rs256: .rs256
        }
    }

    /// The public half as a JWKS entry (RFC 7517/7518), as a provider publishes it.
    var publicJWK: [String: String] {
        switch material {
        case .es256(let key):
            let parameters = key.parameters
            return ["kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": kid,
                    "x": parameters?.x ?? "", "y": parameters?.y ?? ""]
        case .rs256(let key):
            let primitives = try? key.publicKey.getKeyPrimitives()
            return ["kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
                    "n": Base64URL.encode(primitives?.modulus ?? Data()), "e": Base64URL.encode(primitives?.publicExponent ?? Data())]
        }
    }

    /// A compact JWS of `claims` signed with this key, with `headerKid` in the header (normally
    /// this key's own id; a fault may name another) and any `extraHeader` fields.
    func sign(_ claims: TestIDTokenClaims, headerKid: String, extraHeader: [String: JWTHeaderField] = [:]) async throws -> String {
        let keys = JWTKeyCollection()
        let identifier = JWKIdentifier(string: headerKid)
        switch material {
        case .es256(let key): await keys.add(ecdsa: key, kid: identifier)
        case .rs256(let key): await keys.add(rsa: key, digestAlgorithm: .sha256, kid: identifier)
        }
        return try await keys.sign(claims, kid: identifier, header: JWTHeader(fields: extraHeader.merging(["typ": "JWT"]) { _, typ in typ }))
    }

    /// A token signed with this key whose header carries the key (`jwk`) and names `keyURL` as the
    /// place to fetch it from (`jku`, `x5u`).
    func signNamingItself(_ claims: TestIDTokenClaims, headerKid: String, keyURL: String) async throws -> String {
        try await sign(claims, headerKid: headerKid, extraHeader: [
            "jwk": .object(publicJWK.mapValues { .string($0) }), "jku": .string(keyURL), "x5u": .string(keyURL),
        ])
    }

    /// An HS256 token keyed with `secret` (the classic confusion: the client secret used as an HMAC
    /// key under a public key's id). Built by hand: JWTKit refuses HMAC keys shorter than 32 bytes.
    static func signHS256(_ claims: TestIDTokenClaims, secret: String, headerKid: String) throws -> String {
        let header = try JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": "JWT", "kid": headerKid], options: [.sortedKeys])
        let input = "\(Base64URL.encode(header)).\(Base64URL.encode(try JSONEncoder().encode(claims)))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(input).\(Base64URL.encode(Data(mac)))"
    }

    /// An unsigned token (`alg: none`, empty signature part).
    static func unsigned(_ claims: TestIDTokenClaims, headerKid: String) throws -> String {
        let header = try JSONSerialization.data(withJSONObject: ["alg": "none", "typ": "JWT", "kid": headerKid], options: [.sortedKeys])
        let payload = try JSONEncoder().encode(claims)
        return "\(Base64URL.encode(header)).\(Base64URL.encode(payload))."
    }
}
