import Crypto
import Foundation

/// Sekisho as a WebAuthn relying party (W3C WebAuthn Level 3, §7): checks what a browser returns
/// from `navigator.credentials.create` and `.get`. Attestation is not asked for ("none"): a key
/// proves possession of its private key, not its make, which is what a second factor needs.
public struct RelyingParty: Sendable {
    /// The RP ID: the host of the public URL. Keys are bound to it; a key never signs for another site.
    public let id: String
    /// The origins a ceremony may come from: the public URL and the line entrance.
    let origins: Set<String>

    /// The COSE algorithms offered in `pubKeyCredParams`, in order of preference: ES256, EdDSA, RS256
    /// (see ``SecurityKeyPublicKey``).
    public static let algorithms: [Int64] = [-7, -8, -257]

    public init(settings: ServiceSettings) {
        id = settings.publicURL.host()?.lowercased() ?? "localhost"
        origins = Set([settings.publicURL, settings.lineEntranceURL].compactMap { $0.flatMap(Self.origin) })
    }

    /// `scheme://host[:port]`, as a browser writes `origin` in client data: without the scheme's
    /// default port, even when the configured URL spells it out.
    static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host()?.lowercased() else { return nil }
        guard let port = url.port, port != (scheme == "https" ? 443 : 80) else { return "\(scheme)://\(host)" }
        return "\(scheme)://\(host):\(port)"
    }

    /// The credential of a registration, once its client data and authenticator data check out.
    public func verifyRegistration(_ response: SecurityKeyRegistration, challenge: String) throws(SecurityKeyRejected) -> NewSecurityKey {
        try checkClientData(response.clientData, type: "webauthn.create", challenge: challenge)
        guard let object = try? CBOR.decode(response.attestationObject), let raw = object[name: "authData"]?.byteString
        else { throw .malformed }
        let data = try AuthenticatorData(raw)
        try checkAuthenticatorData(data)
        guard let credential = data.credential, Base64URL.encode(Data(credential.id)) == response.credentialID else {
            throw .malformed
        }
        _ = try SecurityKeyPublicKey(cose: credential.publicKey)
        return NewSecurityKey(credentialID: response.credentialID, publicKey: credential.publicKey, signCount: data.signCount)
    }

    /// The signature counter after an assertion by `key`, once it checks out (§7.2).
    public func verifyAssertion(_ response: SecurityKeyAssertion, by key: SecurityKey, challenge: String) throws(SecurityKeyRejected) -> UInt32 {
        try checkClientData(response.clientData, type: "webauthn.get", challenge: challenge)
        let data = try AuthenticatorData(response.authenticatorData)
        try checkAuthenticatorData(data)
        let signed = response.authenticatorData + Array(SHA256.hash(data: response.clientData))
        guard try SecurityKeyPublicKey(cose: key.publicKey).isValidSignature(response.signature, for: signed) else {
            throw .badSignature
        }
        // Keys that count must count up; synced passkeys always say 0 (§6.1.1).
        if data.signCount != 0 || key.signCount != 0, data.signCount <= key.signCount { throw .counterReplayed }
        return data.signCount
    }

    private func checkClientData(_ bytes: [UInt8], type: String, challenge: String) throws(SecurityKeyRejected) {
        guard let clientData = try? JSONDecoder().decode(ClientData.self, from: Data(bytes)) else { throw .malformed }
        guard clientData.type == type, ConstantTime.equals(clientData.challenge, challenge), origins.contains(clientData.origin),
              clientData.crossOrigin != true
        else { throw .wrongCeremony }
    }

    private func checkAuthenticatorData(_ data: AuthenticatorData) throws(SecurityKeyRejected) {
        guard ConstantTime.equals(data.relyingPartyHash, Array(SHA256.hash(data: Data(id.utf8)))) else { throw .wrongCeremony }
        guard data.userPresent else { throw .notPresent }
    }

    /// `CollectedClientData` (§5.8.1): the fields Sekisho checks.
    private struct ClientData: Decodable {
        let type: String
        let challenge: String
        let origin: String
        let crossOrigin: Bool?
    }
}

/// A credential that passed registration, before it has a name and an owner.
public struct NewSecurityKey: Sendable, Equatable {
    public let credentialID: String
    public let publicKey: [UInt8]
    public let signCount: UInt32
}
