import Crypto
import Foundation
import SekishoCore
import Synchronization
import Hummingbird

/// The Graph API endpoints of Facebook's manual login flow, as far as a login needs them.
extension TestOpenIDProvider {
    func facebookAccessTokenAnswer(_ query: String) -> Response {
        state.withLock { $0.graphRequests += 1 }
        guard let query = FormFields(query) else { return .graphError("Malformed query") }
        guard query["client_id"] == facebookAppID, query["client_secret"] == facebookAppSecret else {
            return .graphError("Error validating client secret.")
        }
        guard let code = query["code"], let grant = state.withLock({ $0.facebookCodes.removeValue(forKey: code) }) else {
            return .graphError("This authorization code has been used.")
        }
        guard query["redirect_uri"] == grant.redirectURI else {
            return .graphError("Error validating verification code. Please make sure your redirect_uri is identical.")
        }
        let token = Self.randomToken("EAA")
        state.withLock { state in
            state.facebookTokens[token] = grant
            state.issuedTokens.append(token)
        }
        return .json(["access_token": token, "token_type": "bearer", "expires_in": 5_183_944])
    }

    /// Token inspection, which only the app itself (its app access token) may ask for.
    func facebookDebugTokenAnswer(_ query: String) -> Response {
        let (tokens, faults) = state.withLock { state in
            state.graphRequests += 1
            return (state.facebookTokens, state.facebookFaults)
        }
        guard let query = FormFields(query), query["access_token"] == "\(facebookAppID)|\(facebookAppSecret)" else {
            return .graphError("Invalid OAuth access token.", code: 190)
        }
        guard let input = query["input_token"], let grant = tokens[input] else {
            return .json(["data": ["is_valid": false, "error": ["code": 190, "message": "Invalid OAuth access token."]]])
        }
        let now = Int(clock.now().timeIntervalSince1970)
        return .json(["data": [
            "app_id": faults.debugTokenAppID ?? facebookAppID, "type": "USER", "application": "Sekisho Test",
            "data_access_expires_at": now + 7_776_000, "expires_at": now + 5_183_944, "is_valid": !faults.tokenInvalid,
            "scopes": ["email", "public_profile"], "user_id": grant.userID,
        ] as [String: Any]])
    }

    /// `/me`, refused unless `appsecret_proof` is the HMAC-SHA256 of the token under the app secret
    /// ("Require App Secret" switched on, as Sekisho's app should have it).
    func facebookMeAnswer(_ query: String) -> Response {
        let (tokens, faults) = state.withLock { state in
            state.graphRequests += 1
            return (state.facebookTokens, state.facebookFaults)
        }
        guard let query = FormFields(query), let token = query["access_token"], let grant = tokens[token] else {
            return .graphError("Invalid OAuth access token.", code: 190)
        }
        let secret = faults.proofSecret ?? facebookAppSecret
        let mac = HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let proof = mac.map { String(format: "%02x", $0) }.joined()
        guard query["appsecret_proof"] == proof else {
            return .graphError("Invalid appsecret_proof provided in the API argument", type: "GraphMethodException")
        }
        let fields = Set((query["fields"] ?? "id,name").split(separator: ",").map(String.init))
        var answer: [String: Any] = ["id": faults.meUserID ?? grant.userID]
        if fields.contains("name"), let name = grant.name { answer["name"] = name }
        if fields.contains("email"), let email = grant.email { answer["email"] = email }
        return .json(answer)
    }
}
