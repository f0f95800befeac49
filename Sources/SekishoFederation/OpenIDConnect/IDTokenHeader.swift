import Foundation
import SekishoCore

/// The JOSE header of an ID token, read by hand before any verification so that the algorithm and
/// key id are checked against Sekisho's own rules rather than left to the JWT library's defaults
/// (which, for an unknown `kid`, would fall back to another key).
struct IDTokenHeader: Sendable, Equatable {
    let algorithm: IDTokenAlgorithm
    let kid: String

    /// The compact serialization has exactly three base64url parts; the header must be a JSON object
    /// with `alg` RS256 or ES256 and a non-empty `kid`, and must not ask for extensions (`crit`) that
    /// Sekisho does not implement (RFC 7515 §4.1.11).
    init(token: String) throws(FederationFailure) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Self.decode(parts[0]), let json = JSONObject(data: data) else {
            throw .invalidResponse("id token malformed")
        }
        guard let name = json.string("alg"), let algorithm = IDTokenAlgorithm(rawValue: name) else {
            throw .invalidResponse("id token alg")
        }
        guard let kid = json.nonEmptyString("kid") else { throw .invalidResponse("id token kid") }
        guard json.fields["crit"] == nil else { throw .invalidResponse("id token crit") }
        self.algorithm = algorithm
        self.kid = kid
    }

    /// Unpadded base64url to bytes; `nil` for any character outside the alphabet.
    static func decode(_ part: Substring) -> Data? {
        guard part.utf8.allSatisfy(Base64URL.isAlphabet) else { return nil }
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.utf8.count % 4 != 0 { text.append("=") }
        return Data(base64Encoded: text)
    }
}
