import Foundation
import SekishoCore

/// The options a security-key form hands to its script, as JSON in `data-options`: WebAuthn's
/// `PublicKeyCredentialCreationOptions` and `…RequestOptions`, with every byte field as base64url
/// (the script turns those into bytes). Mustache escapes the attribute, so the JSON cannot break out.
enum SecurityKeyOptions {
    static let timeout = Int(SecurityKeyChallenge.lifetime * 1000)

    struct Credential: Encodable {
        var type = "public-key"
        let id: String
    }

    struct Creation: Encodable {
        struct Party: Encodable {
            let id: String
            let name: String
        }

        struct User: Encodable {
            let id: String
            let name: String
            let displayName: String
        }

        struct Parameter: Encodable {
            var type = "public-key"
            let alg: Int64
        }

        struct Selection: Encodable {
            var residentKey = "discouraged"
            var userVerification = "discouraged"
        }

        let challenge: String
        let rp: Party
        let user: User
        let pubKeyCredParams: [Parameter]
        let excludeCredentials: [Credential]
        var authenticatorSelection = Selection()
        var attestation = "none"
        var timeout = SecurityKeyOptions.timeout
    }

    struct Request: Encodable {
        let challenge: String
        let rpId: String
        let allowCredentials: [Credential]
        var userVerification = "discouraged"
        var timeout = SecurityKeyOptions.timeout
    }

    static func json(_ creation: SecurityKeyCreation) -> String {
        encode(Creation(
            challenge: creation.challenge, rp: .init(id: creation.relyingPartyID, name: creation.relyingPartyName),
            user: .init(id: creation.userHandle, name: creation.userName, displayName: creation.displayName),
            pubKeyCredParams: RelyingParty.algorithms.map { .init(alg: $0) },
            excludeCredentials: creation.excludedCredentials.map { Credential(id: $0) }))
    }

    static func json(_ request: SecurityKeyRequest) -> String {
        encode(Request(
            challenge: request.challenge, rpId: request.relyingPartyID, allowCredentials: request.allowedCredentials.map { Credential(id: $0) }))
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding structs of strings and numbers cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
