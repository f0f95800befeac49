import Foundation
import SekishoCore

/// The parts of an OpenID Provider's metadata (OpenID Connect Discovery 1.0 §3) that a code-flow
/// client uses.
struct DiscoveryDocument: Sendable, Equatable {
    let issuer: String
    let authorizationEndpoint: String
    let tokenEndpoint: String
    let jwksURI: String

    /// Reads and checks a discovery answer: its `issuer` must be exactly the configured one
    /// (Discovery §4.3, which is also what keeps one provider's metadata from standing in for
    /// another's), and every endpoint must be an absolute HTTPS URL.
    init(answer: ProviderAnswer, expectedIssuer: String) throws(FederationFailure) {
        guard answer.isSuccess else { throw .invalidResponse("discovery \(answer.status)") }
        let json = try answer.json("discovery")
        guard let issuer = json.string("issuer"), issuer == expectedIssuer else {
            throw .invalidResponse("discovery issuer")
        }
        self.issuer = issuer
        self.authorizationEndpoint = try Self.endpoint(json, "authorization_endpoint")
        self.tokenEndpoint = try Self.endpoint(json, "token_endpoint")
        self.jwksURI = try Self.endpoint(json, "jwks_uri")
    }

    private static func endpoint(_ json: JSONObject, _ key: String) throws(FederationFailure) -> String {
        guard let text = json.nonEmptyString(key), isAcceptableEndpoint(text) else {
            throw .invalidResponse("discovery \(key)")
        }
        return text
    }

    /// HTTPS only, so codes, secrets and keys travel over TLS. Plain HTTP is accepted for a loopback
    /// host alone, where the test provider runs; no production issuer is on loopback.
    static func isAcceptableEndpoint(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.user == nil, url.fragment == nil
        else { return false }
        switch scheme {
        case "https": return true
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        default: return false
        }
    }
}
