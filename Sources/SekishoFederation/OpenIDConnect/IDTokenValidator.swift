import Foundation
import JWTKit
import SekishoCore

/// OpenID Connect Core 1.0 §3.1.3.7 for one ID token from the token endpoint: header rules, the
/// signature with the provider's published key, then every claim rule. Each failure names the rule
/// in `.invalidResponse` (for the audit log) and carries no token content.
struct IDTokenValidator: Sendable {
    /// Clock difference tolerated between Sekisho and the provider.
    static let allowedSkew: TimeInterval = 60
    /// How old an ID token may be when it arrives. It comes straight from the token endpoint, so
    /// anything older is a replay or a badly wrong clock.
    static let maximumAge: TimeInterval = 10 * 60
    /// `sub` is at most 255 ASCII characters (OIDC Core §2); Sekisho stores it as given.
    static let maximumSubjectLength = 255

    let issuer: String
    /// Other accepted spellings of `iss` (see ``OpenIDConnectConfiguration/issuerAliases``).
    let issuerAliases: [String]
    let clientID: String
    let keys: JWKSCache
    let clock: any WallClock

    /// The validated claims of `token`, signed by a key from `jwksURI`, for the authorization
    /// request that sent `nonce` (and `max_age`, whose `auth_time` must then be recent enough).
    func validate(
        _ token: String, nonce expectedNonce: String, maxAuthenticationAge: TimeInterval? = nil, jwksURI: String
    ) async throws(FederationFailure) -> IDTokenClaims {
        let header = try IDTokenHeader(token: token)
        let key = try await keys.key(kid: header.kid, algorithm: header.algorithm, uri: jwksURI)
        let claims = try await verifySignature(token, with: key)
        try check(claims, nonce: expectedNonce)
        if let maxAuthenticationAge { try checkAuthenticationAge(claims, maximum: maxAuthenticationAge) }
        return claims
    }

    /// OIDC Core §3.1.2.1 and §3.1.3.7 item 13: with `max_age` sent, `auth_time` is required and no
    /// older than asked, so a removed `max_age` in the browser cannot pass an old sign-in off as new.
    private func checkAuthenticationAge(_ claims: IDTokenClaims, maximum: TimeInterval) throws(FederationFailure) {
        let now = clock.now().timeIntervalSince1970
        guard let authenticatedAt = claims.authenticatedAt, authenticatedAt >= now - maximum - Self.allowedSkew,
              authenticatedAt <= now + Self.allowedSkew
        else { throw .invalidResponse("id token auth_time") }
    }

    /// A collection holding this one key only, so no other key (and no default) can be used.
    private func verifySignature(_ token: String, with key: PublishedKey) async throws(FederationFailure) -> IDTokenClaims {
        do {
            let collection = JWTKeyCollection()
            try await collection.add(jwk: key.jwk)
            return try await collection.verify(token, as: IDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .invalidResponse("id token signature")
        } catch {
            throw .invalidResponse("id token unverifiable")
        }
    }

    func check(_ claims: IDTokenClaims, nonce expectedNonce: String) throws(FederationFailure) {
        guard let tokenIssuer = claims.issuer, tokenIssuer == issuer || issuerAliases.contains(tokenIssuer) else {
            throw .invalidResponse("id token iss")
        }
        try checkAudience(claims)
        try checkTimes(claims)
        // Compared in constant time: the nonce is the one secret of the request that binds the token
        // to this browser's transaction.
        guard let nonce = claims.nonce, !expectedNonce.isEmpty, ConstantTime.equals(nonce, expectedNonce) else {
            throw .invalidResponse("id token nonce")
        }
        guard let subject = claims.subject, !subject.isEmpty, subject.utf8.count <= Self.maximumSubjectLength else {
            throw .invalidResponse("id token sub")
        }
    }

    /// `aud` must name this client and nobody else: Sekisho trusts no other audience (OIDC Core
    /// §3.1.3.7 item 3). An `azp`, when present, must be this client too.
    private func checkAudience(_ claims: IDTokenClaims) throws(FederationFailure) {
        guard let audience = claims.audience, audience.contains(clientID), audience.allSatisfy({ $0 == clientID }) else {
            throw .invalidResponse("id token aud")
        }
        if let party = claims.authorizedParty, party != clientID { throw .invalidResponse("id token azp") }
    }

    private func checkTimes(_ claims: IDTokenClaims) throws(FederationFailure) {
        let now = clock.now().timeIntervalSince1970
        guard let expires = claims.expires, expires > now - Self.allowedSkew else {
            throw .invalidResponse("id token expired")
        }
        guard let issuedAt = claims.issuedAt, issuedAt >= now - Self.maximumAge, issuedAt <= now + Self.allowedSkew else {
            throw .invalidResponse("id token iat")
        }
        if let notBefore = claims.notBefore, notBefore > now + Self.allowedSkew {
            throw .invalidResponse("id token nbf")
        }
    }
}
