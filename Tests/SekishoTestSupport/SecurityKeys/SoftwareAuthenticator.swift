import Crypto
import CryptoExtras
public import Foundation
public import SekishoCore

/// A security key in software: it answers WebAuthn ceremonies as a browser with a real key would,
/// and each answer can be bent (another origin, another challenge, no touch) to test the checks.
public struct SoftwareAuthenticator: Sendable {
    public enum Algorithm: Sendable {
        case es256, ed25519, rs256
    }

    private enum PrivateKey: Sendable {
        case es256(P256.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rs256(_RSA.Signing.PrivateKey)
    }

    private let key: PrivateKey
    public let credentialID: String
    public let rpID: String
    public let origin: String

    public init(algorithm: Algorithm = .es256, rpID: String = "127.0.0.1", origin: String = "http://127.0.0.1:8080") {
        switch algorithm {
        case .es256: key = .es256(P256.Signing.PrivateKey())
        case .ed25519: key = .ed25519(Curve25519.Signing.PrivateKey())
        case .rs256: key = .rs256(try! _RSA.Signing.PrivateKey(keySize: .bits2048))
        }
        credentialID = Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: 0...255) }))
        self.rpID = rpID
        self.origin = origin
    }

    /// The answer to `navigator.credentials.create`: attestation "none".
    public func register(
        challenge: String, type: String = "webauthn.create", origin: String? = nil, rpID: String? = nil, flags: UInt8 = 0x41,
        counter: UInt32 = 0
    ) -> SecurityKeyRegistration {
        let id = Array(Base64URL.decode(credentialID)!)
        let attested = [UInt8](repeating: 0, count: 16) + [UInt8(id.count >> 8), UInt8(id.count & 0xFF)] + id
            + TestCBOR.encode(coseKey)
        let authData = authenticatorData(rpID: rpID, flags: flags, counter: counter) + attested
        let object = CBOR.map([
            .init(key: .text("fmt"), value: .text("none")), .init(key: .text("attStmt"), value: .map([])),
            .init(key: .text("authData"), value: .bytes(authData)),
        ])
        return SecurityKeyRegistration(
            credentialID: credentialID, clientData: clientData(type: type, challenge: challenge, origin: origin),
            attestationObject: TestCBOR.encode(object))
    }

    /// The answer to `navigator.credentials.get`.
    public func assert(
        challenge: String, counter: UInt32 = 0, type: String = "webauthn.get", origin: String? = nil, rpID: String? = nil,
        flags: UInt8 = 0x01
    ) -> SecurityKeyAssertion {
        let data = authenticatorData(rpID: rpID, flags: flags, counter: counter)
        let client = clientData(type: type, challenge: challenge, origin: origin)
        let signed = data + Array(SHA256.hash(data: client))
        return SecurityKeyAssertion(credentialID: credentialID, clientData: client, authenticatorData: data, signature: sign(signed))
    }

    private func sign(_ data: [UInt8]) -> [UInt8] {
        switch key {
        case .es256(let key): Array(try! key.signature(for: data).derRepresentation)
        case .ed25519(let key): Array(try! key.signature(for: data))
        case .rs256(let key): Array(try! key.signature(for: data, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }

    private var coseKey: CBOR {
        func label(_ value: Int64) -> CBOR { value < 0 ? .negative(UInt64(-1 - value)) : .unsigned(UInt64(value)) }
        func entries(_ pairs: [(Int64, CBOR)]) -> CBOR { .map(pairs.map { .init(key: label($0.0), value: $0.1) }) }
        switch key {
        case .es256(let key):
            let raw = Array(key.publicKey.rawRepresentation)
            return entries([(1, label(2)), (3, label(-7)), (-1, label(1)), (-2, .bytes(Array(raw[0..<32]))), (-3, .bytes(Array(raw[32...])))])
        case .ed25519(let key):
            return entries([(1, label(1)), (3, label(-8)), (-1, label(6)), (-2, .bytes(Array(key.publicKey.rawRepresentation)))])
        case .rs256(let key):
            let numbers = try! key.publicKey.getKeyPrimitives()
            return entries([(1, label(3)), (3, label(-257)), (-1, .bytes(Array(numbers.modulus))), (-2, .bytes(Array(numbers.publicExponent)))])
        }
    }

    private func authenticatorData(rpID: String?, flags: UInt8, counter: UInt32) -> [UInt8] {
        Array(SHA256.hash(data: Data((rpID ?? self.rpID).utf8))) + [flags]
            + [UInt8(counter >> 24), UInt8(counter >> 16 & 0xFF), UInt8(counter >> 8 & 0xFF), UInt8(counter & 0xFF)]
    }

    private func clientData(type: String, challenge: String, origin: String?) -> [UInt8] {
        Array(#"{"type":"\#(type)","challenge":"\#(challenge)","origin":"\#(origin ?? self.origin)","crossOrigin":false}"#.utf8)
    }
}

/// CBOR encoding of the definite-length items ``SekishoCore/CBOR`` decodes.
public enum TestCBOR {
    public static func encode(_ value: CBOR) -> [UInt8] {
        switch value {
        case .unsigned(let number): head(0, number)
        case .negative(let number): head(1, number)
        case .bytes(let bytes): head(2, UInt64(bytes.count)) + bytes
        case .text(let text): head(3, UInt64(text.utf8.count)) + Array(text.utf8)
        case .array(let items): head(4, UInt64(items.count)) + items.flatMap(encode)
        case .map(let entries): head(5, UInt64(entries.count)) + entries.flatMap { encode($0.key) + encode($0.value) }
        case .bool(let flag): [flag ? 0xF5 : 0xF4]
        case .null: [0xF6]
        }
    }

    static func head(_ major: UInt8, _ argument: UInt64) -> [UInt8] {
        let type = major << 5
        switch argument {
        case 0..<24: return [type | UInt8(argument)]
        case 24...0xFF: return [type | 24, UInt8(argument)]
        case 0x100...0xFFFF: return [type | 25] + bigEndian(argument, width: 2)
        case 0x10000...0xFFFF_FFFF: return [type | 26] + bigEndian(argument, width: 4)
        default: return [type | 27] + bigEndian(argument, width: 8)
        }
    }

    static func bigEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(value >> (8 * UInt64($0)) & 0xFF) }
    }
}
