import Foundation
import JWTKit

/// The claims of an ID token that Sekisho reads. Every field is optional and a value of the wrong
/// type reads as absent, so ``IDTokenValidator`` reports which rule failed instead of a generic
/// decoding error. Time claims are checked by the validator with the injected clock, not here.
struct IDTokenClaims: JWTPayload, Equatable {
    var issuer: String?
    var subject: String?
    var audience: [String]?
    var authorizedParty: String?
    var expires: Double?
    var issuedAt: Double?
    var notBefore: Double?
    var authenticatedAt: Double?
    var nonce: String?
    var email: String?
    var emailVerified: Bool?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", subject = "sub", audience = "aud", authorizedParty = "azp"
        case expires = "exp", issuedAt = "iat", notBefore = "nbf", authenticatedAt = "auth_time", nonce, email
        case emailVerified = "email_verified", name
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try? container.decodeIfPresent(String.self, forKey: .issuer)
        subject = try? container.decodeIfPresent(String.self, forKey: .subject)
        // RFC 7519 §4.1.3: one string or an array of strings.
        if let single = try? container.decodeIfPresent(String.self, forKey: .audience) {
            audience = [single]
        } else {
            audience = try? container.decodeIfPresent([String].self, forKey: .audience)
        }
        authorizedParty = try? container.decodeIfPresent(String.self, forKey: .authorizedParty)
        expires = try? container.decodeIfPresent(Double.self, forKey: .expires)
        issuedAt = try? container.decodeIfPresent(Double.self, forKey: .issuedAt)
        notBefore = try? container.decodeIfPresent(Double.self, forKey: .notBefore)
        authenticatedAt = try? container.decodeIfPresent(Double.self, forKey: .authenticatedAt)
        nonce = try? container.decodeIfPresent(String.self, forKey: .nonce)
        email = try? container.decodeIfPresent(String.self, forKey: .email)
        // Some providers have sent `"true"` as a string; anything but true or "true" is false.
        if let flag = try? container.decodeIfPresent(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .emailVerified) {
            emailVerified = text.lowercased() == "true"
        }
        name = try? container.decodeIfPresent(String.self, forKey: .name)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(issuer, forKey: .issuer)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encodeIfPresent(audience, forKey: .audience)
        try container.encodeIfPresent(authorizedParty, forKey: .authorizedParty)
        try container.encodeIfPresent(expires, forKey: .expires)
        try container.encodeIfPresent(issuedAt, forKey: .issuedAt)
        try container.encodeIfPresent(notBefore, forKey: .notBefore)
        try container.encodeIfPresent(authenticatedAt, forKey: .authenticatedAt)
        try container.encodeIfPresent(nonce, forKey: .nonce)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try container.encodeIfPresent(name, forKey: .name)
    }

    /// Claims are checked by ``IDTokenValidator`` against the injected clock; JWTKit only checks the
    /// signature.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
