import Foundation
import JWTKit

/// The claims the test provider puts in an ID token. `aud` is written as a string when there is one
/// audience (as Google does) and as an array otherwise.
struct TestIDTokenClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: [String]
    var azp: String?
    var exp: Int
    var iat: Int
    /// Not before; absent unless a test sets it.
    var nbf: Int?
    /// When the person signed in at the provider; always sent, as Google does when asked `max_age`.
    var authTime: Int?
    var nonce: String?
    var email: String?
    var emailVerified: Bool?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, azp, exp, iat, nbf, authTime = "auth_time", nonce, email, emailVerified = "email_verified", name
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(sub, forKey: .sub)
        if aud.count == 1 { try container.encode(aud[0], forKey: .aud) } else { try container.encode(aud, forKey: .aud) }
        try container.encodeIfPresent(azp, forKey: .azp)
        try container.encode(exp, forKey: .exp)
        try container.encode(iat, forKey: .iat)
        try container.encodeIfPresent(nbf, forKey: .nbf)
        try container.encodeIfPresent(authTime, forKey: .authTime)
        try container.encodeIfPresent(nonce, forKey: .nonce)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try container.encodeIfPresent(name, forKey: .name)
    }

    /// The provider signs; it never verifies its own tokens.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
