/// What the test provider gets wrong in the answer to one code exchange, for negative tests of the
/// relying party. Each case breaks exactly one rule of OIDC Core §3.1.3.7 (or the token answer).
public enum IDTokenFault: Sendable, Equatable {
    /// Signed with a fresh key that the JWKS does not publish, under the current key's id.
    case signedWithUnpublishedKey
    /// `aud` is this list instead of `[client_id]`, with `azp` set when given.
    case audience([String], authorizedParty: String? = nil)
    /// `azp` is set to this value.
    case authorizedParty(String)
    /// `iss` is this value instead of the issuer.
    case issuer(String)
    /// `exp` two minutes in the past (beyond any sensible skew).
    case expired
    /// `iat` five minutes in the future.
    case issuedInFuture
    /// `iat` an hour in the past (exp still in the future).
    case issuedLongAgo
    /// `nbf` five minutes in the future.
    case notYetValid
    /// `nonce` is this value instead of the one the code was issued for.
    case nonce(String)
    /// `auth_time` an hour ago (the person's provider sign-in is old).
    case signedInLongAgo
    /// No `auth_time` claim.
    case noAuthenticationTime
    /// Signed with a fresh key under the current key's id, the header pointing at that key every
    /// way JWS allows (RFC 7515 §4.1.2–4.1.5): `jwk` carries it, `jku` and `x5u` name the provider's
    /// `/attacker-jwks`, which publishes it. A relying party that trusts the header takes it.
    case keyInHeader
    /// `alg: none`, no signature.
    case algorithmNone
    /// HS256 keyed with the client secret, under the current key's id.
    case hs256WithClientSecret
    /// Signed with the current key, but the header names this key id.
    case keyID(String)
    /// `sub` is this value.
    case subject(String)
    /// The token answer has no `id_token`.
    case noIDToken
}
