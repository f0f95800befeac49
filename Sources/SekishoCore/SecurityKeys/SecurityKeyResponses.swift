/// The fields a security-key form carries: the page's script writes the browser's answer into them,
/// each as unpadded base64url (the credential id as the browser gives it).
public enum SecurityKeyField {
    public static let credentialID = "credential_id"
    public static let clientData = "client_data"
    public static let attestation = "attestation"
    public static let authenticatorData = "authenticator_data"
    public static let signature = "signature"

    /// Longer than any real answer (a credential id is at most 1,023 bytes, an RSA key 512); a field
    /// beyond it is not decoded.
    static let maxLength = 16_384

    /// The bytes of one field, or `nil` when it is missing, too long or not base64url.
    static func bytes(_ raw: String?) -> [UInt8]? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= maxLength else { return nil }
        return Base64URL.decode(raw)
    }

    /// A credential id as the browser wrote it, checked for shape only.
    static func credentialID(_ raw: String?) -> String? {
        guard let raw, let bytes = bytes(raw), !bytes.isEmpty, bytes.count <= AuthenticatorData.maxCredentialIDLength else { return nil }
        return raw
    }
}

/// What the browser returned from `navigator.credentials.create`.
public struct SecurityKeyRegistration: Sendable {
    public let credentialID: String
    public let clientData: [UInt8]
    public let attestationObject: [UInt8]

    public init(credentialID: String, clientData: [UInt8], attestationObject: [UInt8]) {
        self.credentialID = credentialID
        self.clientData = clientData
        self.attestationObject = attestationObject
    }

    /// From the submitted fields; `nil` when any is missing or malformed.
    public init?(credentialID: String?, clientData: String?, attestation: String?) {
        guard let id = SecurityKeyField.credentialID(credentialID), let clientData = SecurityKeyField.bytes(clientData),
              let attestation = SecurityKeyField.bytes(attestation)
        else { return nil }
        self.init(credentialID: id, clientData: clientData, attestationObject: attestation)
    }
}

/// What the browser returned from `navigator.credentials.get`.
public struct SecurityKeyAssertion: Sendable {
    public let credentialID: String
    public let clientData: [UInt8]
    public let authenticatorData: [UInt8]
    public let signature: [UInt8]

    public init(credentialID: String, clientData: [UInt8], authenticatorData: [UInt8], signature: [UInt8]) {
        self.credentialID = credentialID
        self.clientData = clientData
        self.authenticatorData = authenticatorData
        self.signature = signature
    }

    /// From the submitted fields; `nil` when any is missing or malformed.
    public init?(credentialID: String?, clientData: String?, authenticatorData: String?, signature: String?) {
        guard let id = SecurityKeyField.credentialID(credentialID), let clientData = SecurityKeyField.bytes(clientData),
              let authenticatorData = SecurityKeyField.bytes(authenticatorData), let signature = SecurityKeyField.bytes(signature)
        else { return nil }
        self.init(credentialID: id, clientData: clientData, authenticatorData: authenticatorData, signature: signature)
    }
}
