import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

/// One ID token rule of OIDC Core §3.1.3.7 broken at a time; each must be refused with its reason.
@Suite struct IDTokenValidationTests {
    static let cases: [(IDTokenFault, String)] = [
        (.signedWithUnpublishedKey, "id token signature"),
        (.audience(["another-client"]), "id token aud"),
        (.audience(["sekisho-test-client", "another-client"]), "id token aud"),
        (.authorizedParty("another-client"), "id token azp"),
        (.issuer("https://accounts.example.com"), "id token iss"),
        (.expired, "id token expired"),
        (.issuedInFuture, "id token iat"),
        (.issuedLongAgo, "id token iat"),
        (.notYetValid, "id token nbf"),
        (.nonce("a-nonce-from-another-transaction"), "id token nonce"),
        (.algorithmNone, "id token alg"),
        (.hs256WithClientSecret, "id token alg"),
        (.subject(""), "id token sub"),
        (.subject(String(repeating: "1", count: 256)), "id token sub"),
        (.noIDToken, "no id token"),
    ]

    @Test(arguments: cases)
    func brokenTokenIsRefused(fault: IDTokenFault, reason: String) async throws {
        try await withOpenIDProvider { fixture in
            await #expect(throws: FederationFailure.invalidResponse(reason)) {
                try await fixture.signIn(fault: fault)
            }
        }
    }

    @Test func tokenWithoutNonceIsRefused() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = OpenIDFixture.transaction()
            _ = try await fixture.client.authorizationURL(for: transaction)
            let code = fixture.server.issueCode(
                subject: "s", nonce: nil, codeChallenge: transaction.codeChallenge)
            await #expect(throws: FederationFailure.invalidResponse("id token nonce")) {
                try await fixture.client.identity(code: code, issuerParameter: nil, transaction: transaction)
            }
        }
    }

    /// The contract menu's sign-in asks `max_age`: the URL carries it, and the token's `auth_time`
    /// must be present and recent, so dropping `max_age` from the URL cannot pass an old sign-in.
    @Test(arguments: [(IDTokenFault?.none, nil), (.signedInLongAgo, "id token auth_time"), (.noAuthenticationTime, "id token auth_time")])
    func maxAgeNeedsARecentAuthenticationTime(fault: IDTokenFault?, reason: String?) async throws {
        try await withOpenIDProvider { fixture in
            let plain = OpenIDFixture.transaction()
            let transaction = AuthorizationTransaction(
                state: plain.state, nonce: plain.nonce, codeVerifier: plain.codeVerifier, maxAuthenticationAge: 600)
            #expect(try await fixture.client.authorizationURL(for: transaction).contains("max_age=600"))
            if let reason {
                await #expect(throws: FederationFailure.invalidResponse(reason)) {
                    try await fixture.signIn(fault: fault, transaction: transaction)
                }
                _ = try await fixture.signIn(fault: fault, transaction: OpenIDFixture.transaction())
            } else {
                _ = try await fixture.signIn(transaction: transaction)
            }
        }
    }

    @Test func extraAudienceIsRefusedEvenWhenAuthorizedPartyIsThisClient() async throws {
        try await withOpenIDProvider { fixture in
            let client = fixture.server.clientID
            await #expect(throws: FederationFailure.invalidResponse("id token aud")) {
                try await fixture.signIn(subject: "s", fault: .audience([client, "another-client"], authorizedParty: client))
            }
        }
    }

    @Test func authorizedPartyEqualToThisClientIsAccepted() async throws {
        try await withOpenIDProvider { fixture in
            let identity = try await fixture.signIn(subject: "s", fault: .authorizedParty(fixture.server.clientID))
            #expect(identity.subject == "s")
        }
    }

    @Test func documentedIssuerAliasIsAcceptedInTheTokenButIdentityKeepsTheIssuer() async throws {
        try await withOpenIDProvider { fixture in
            let server = fixture.server
            let configuration = OpenIDConnectConfiguration(
                issuer: server.issuer, clientID: server.clientID, clientSecret: server.clientSecret, redirectURI: server.redirectURI,
                issuerAliases: ["legacy.example"])
            let client = OpenIDConnectProvider(configuration: configuration, clock: fixture.clock, logger: testLogger)
            let transaction = OpenIDFixture.transaction()
            let approval = try server.approve(try await client.authorizationURL(for: transaction), subject: "s", fault: .issuer("legacy.example"))
            let identity = try await client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)
            #expect(identity.issuer == server.issuer)

            // The alias is accepted only where it was configured.
            await #expect(throws: FederationFailure.invalidResponse("id token iss")) {
                try await fixture.signIn(fault: .issuer("legacy.example"))
            }
        }
    }
}
