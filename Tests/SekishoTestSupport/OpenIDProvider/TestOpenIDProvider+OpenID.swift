import Crypto
import Foundation
import Hummingbird
import SekishoCore
import Synchronization

/// The OpenID Connect endpoints: discovery, JWKS, token.
extension TestOpenIDProvider {
    func discoveryAnswer() -> Response {
        let announced = state.withLock { state in
            state.discoveryFetches += 1
            return state.discoveryIssuer
        } ?? issuer
        return .json([
            "issuer": announced,
            "authorization_endpoint": issuer + "/authorize",
            "token_endpoint": issuer + "/token",
            "jwks_uri": issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        ])
    }

    func jwksAnswer() -> Response {
        let keys = state.withLock { state in
            state.jwksFetches += 1
            return state.publishedKeys
        }
        return .json(["keys": keys.map(\.publicJWK)])
    }

    /// The key of the ``IDTokenFault/keyInHeader`` fault, where its token's header points.
    func attackerJWKSAnswer() -> Response {
        let key = state.withLock { state in
            state.attackerKeyFetches += 1
            return state.attackerKey
        }
        return .json(["keys": key.map { [$0.publicJWK] } ?? []])
    }

    /// RFC 6749 §4.1.3 with client_secret_post and RFC 7636 §4.6: the code is spent on first use,
    /// whatever happens next.
    func tokenAnswer(_ body: String) async throws -> Response {
        state.withLock { $0.tokenRequests += 1 }
        guard let form = FormFields(body) else { return .oauthError("invalid_request") }
        guard form["grant_type"] == "authorization_code" else { return .oauthError("unsupported_grant_type") }
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return .oauthError("invalid_client", status: .unauthorized)
        }
        guard let text = form["code"], let code = state.withLock({ $0.codes.removeValue(forKey: text) }) else {
            return .oauthError("invalid_grant")
        }
        guard form["redirect_uri"] == code.redirectURI else { return .oauthError("invalid_grant") }
        if let challenge = code.codeChallenge {
            guard let verifier = form["code_verifier"], Self.s256(verifier) == challenge else { return .oauthError("invalid_grant") }
        }
        let accessToken = Self.randomToken("at")
        var answer: [String: Any] = [
            "access_token": accessToken, "token_type": "Bearer", "expires_in": 3599, "scope": "openid email profile",
        ]
        var issued = [accessToken]
        if code.fault != .noIDToken {
            let idToken = try await idToken(for: code)
            answer["id_token"] = idToken
            issued.append(idToken)
        }
        state.withLock { $0.issuedTokens += issued }
        return .json(answer)
    }

    /// RFC 7636 S256, computed here independently of the client.
    static func s256(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func idToken(for code: IssuedCode) async throws -> String {
        let now = Int(clock.now().timeIntervalSince1970)
        let key = state.withLock { $0.signingKey }
        var claims = TestIDTokenClaims(
            iss: issuer, sub: code.subject, aud: [clientID], azp: nil, exp: now + 3600, iat: now, nbf: nil, authTime: now - 30, nonce: code.nonce,
            email: code.email, emailVerified: code.email == nil ? nil : code.emailVerified, name: code.name)
        var headerKid = key.kid
        switch code.fault {
        case .audience(let audience, let party): (claims.aud, claims.azp) = (audience, party)
        case .authorizedParty(let party): claims.azp = party
        case .issuer(let issuer): claims.iss = issuer
        case .expired: (claims.iat, claims.exp) = (now - 300, now - 120)
        case .issuedInFuture: (claims.iat, claims.exp) = (now + 300, now + 3900)
        case .issuedLongAgo: claims.iat = now - 3600
        case .notYetValid: claims.nbf = now + 300
        case .nonce(let nonce): claims.nonce = nonce
        case .signedInLongAgo: claims.authTime = now - 3600
        case .noAuthenticationTime: claims.authTime = nil
        case .subject(let subject): claims.sub = subject
        case .keyID(let kid): headerKid = kid
        case .signedWithUnpublishedKey:
            return try await TestSigningKey.generate(key.algorithm, kid: key.kid).sign(claims, headerKid: key.kid)
        case .keyInHeader:
            let attackerKey = try TestSigningKey.generate(key.algorithm, kid: key.kid)
            state.withLock { $0.attackerKey = attackerKey }
            return try await attackerKey.signNamingItself(claims, headerKid: key.kid, keyURL: "\(issuer)/attacker-jwks")
        case .algorithmNone:
            return try TestSigningKey.unsigned(claims, headerKid: key.kid)
        case .hs256WithClientSecret:
            return try TestSigningKey.signHS256(claims, secret: clientSecret, headerKid: key.kid)
        case .noIDToken, nil:
            break
        }
        return try await key.sign(claims, headerKid: headerKid)
    }
}
