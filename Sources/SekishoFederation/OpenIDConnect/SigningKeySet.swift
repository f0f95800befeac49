import Foundation
import JWTKit
import SekishoCore

/// The algorithms Sekisho accepts on an ID token. Fixing the list before any key is looked up is the
/// key-confusion guard: `none`, the HMAC family (which would make the client secret a "public" key)
/// and everything else are refused on the header alone.
enum IDTokenAlgorithm: String, Sendable, CaseIterable {
    case rs256 = "RS256"
    case es256 = "ES256"

    /// The JWK key type (`kty`) a key must have to verify this algorithm.
    var keyType: String {
        switch self {
        case .rs256: "RSA"
        case .es256: "EC"
        }
    }
}

/// One signing key the provider publishes, in the form JWTKit verifies with.
struct PublishedKey: Sendable {
    let kid: String
    let keyType: String
    /// The key's own `alg`, when the JWKS names one; a token must then use exactly that algorithm.
    let algorithm: String?
    let jwk: JWK

    func canVerify(_ algorithm: IDTokenAlgorithm) -> Bool {
        keyType == algorithm.keyType && (self.algorithm == nil || self.algorithm == algorithm.rawValue)
    }
}

/// Reads a JWKS answer, keeping only keys that can sign ID tokens: RSA and P-256 EC keys with a
/// `kid`, whose `use` (if any) is `sig`. Other entries (encryption keys, other curves, symmetric keys)
/// are skipped rather than failing the whole set.
enum SigningKeySet {
    static func parse(_ answer: ProviderAnswer) throws(FederationFailure) -> [PublishedKey] {
        guard answer.isSuccess else { throw .invalidResponse("jwks \(answer.status)") }
        let json = try answer.json("jwks")
        guard let entries = json.array("keys") else { throw .invalidResponse("jwks keys") }
        return entries.compactMap { entry in
            guard let fields = entry as? [String: Any] else { return nil }
            return key(JSONObject(fields: fields))
        }
    }

    private static func key(_ entry: JSONObject) -> PublishedKey? {
        guard let kid = entry.nonEmptyString("kid"), let keyType = entry.string("kty"),
              keyType == "RSA" || keyType == "EC"
        else { return nil }
        if let use = entry.string("use"), use != "sig" { return nil }
        if keyType == "EC", entry.string("crv") != "P-256" { return nil }
        let algorithm = entry.string("alg")
        if let algorithm, IDTokenAlgorithm(rawValue: algorithm)?.keyType != keyType { return nil }
        guard let data = try? JSONSerialization.data(withJSONObject: entry.fields),
              let jwk = try? JSONDecoder().decode(JWK.self, from: data)
        else { return nil }
        return PublishedKey(kid: kid, keyType: keyType, algorithm: algorithm, jwk: jwk)
    }
}
