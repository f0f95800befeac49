import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

@Suite struct FacebookProviderTests {
    @Test func dialogURLCarriesStateAndScopesButNoSecrets() async throws {
        try await withFacebook { fixture in
            let transaction = AuthorizationTransaction(state: "state/with+chars", nonce: "n", codeVerifier: "v")
            let url = try await fixture.client.authorizationURL(for: transaction)

            #expect(url.hasPrefix(fixture.server.facebookDialogURL + "?"))
            let query = try #require(FormFields(queryOf: url))
            #expect(query.values == [
                "client_id": fixture.server.facebookAppID,
                "redirect_uri": fixture.server.facebookRedirectURI,
                "state": "state/with+chars",
                "response_type": "code",
                "scope": "email,public_profile",
            ])
            #expect(!url.contains(fixture.server.facebookAppSecret))
        }
    }

    @Test func fullFlowAnswersTheAppScopedUser() async throws {
        try await withFacebook { fixture in
            let code = fixture.server.issueFacebookCode(userID: "10158123456789012", name: "Hanako Sato", email: "hanako@example.jp")
            let identity = try await fixture.client.identity(code: code, issuerParameter: nil, transaction: OpenIDFixture.transaction())

            #expect(identity == FederatedIdentity(
                provider: .facebook, issuer: "https://www.facebook.com", subject: "10158123456789012",
                email: EmailAddress(parsing: "hanako@example.jp"), emailVerified: false, name: "Hanako Sato"))
            // Code exchange, token inspection, profile: three calls, the last one with a valid proof.
            #expect(fixture.server.graphRequestCount == 3)
        }
    }

    @Test func personWithoutEmailStillSignsIn() async throws {
        try await withFacebook { fixture in
            let code = fixture.server.issueFacebookCode(userID: "42", name: nil, email: nil)
            let identity = try await fixture.client.identity(code: code, issuerParameter: nil, transaction: OpenIDFixture.transaction())
            #expect(identity.subject == "42")
            #expect(identity.email == nil)
            #expect(identity.name == "")
        }
    }

    /// One thing wrong in Facebook's answers at a time: a token for another app, an invalid token,
    /// the profile of another user, and an `appsecret_proof` the Graph API does not accept (the fake
    /// expects a proof keyed with a rotated secret).
    @Test(arguments: [
        (FacebookFaults(debugTokenAppID: "999888777"), "debug token app"),
        (FacebookFaults(tokenInvalid: true), "debug token invalid"),
        (FacebookFaults(meUserID: "someone-else"), "me id"),
        (FacebookFaults(proofSecret: "rotated-app-secret"), "me 400"),
    ])
    func faultyAnswerIsRefused(faults: FacebookFaults, reason: String) async throws {
        try await withFacebook { fixture in
            fixture.server.setFacebookFaults(faults)
            let code = fixture.server.issueFacebookCode(userID: "42")
            await #expect(throws: FederationFailure.invalidResponse(reason)) {
                try await fixture.client.identity(code: code, issuerParameter: nil, transaction: OpenIDFixture.transaction())
            }
        }
    }

    @Test func codeCanBeExchangedOnlyOnce() async throws {
        try await withFacebook { fixture in
            let code = fixture.server.issueFacebookCode(userID: "42")
            _ = try await fixture.client.identity(code: code, issuerParameter: nil, transaction: OpenIDFixture.transaction())
            await #expect(throws: FederationFailure.invalidResponse("access token 400")) {
                try await fixture.client.identity(code: code, issuerParameter: nil, transaction: OpenIDFixture.transaction())
            }
        }
    }

    @Test func issuerParameterOfAnotherProviderIsRefusedBeforeAnyCall() async throws {
        try await withFacebook { fixture in
            let code = fixture.server.issueFacebookCode(userID: "42")
            await #expect(throws: FederationFailure.invalidResponse("iss parameter")) {
                try await fixture.client.identity(code: code, issuerParameter: "https://accounts.google.com", transaction: OpenIDFixture.transaction())
            }
            #expect(fixture.server.graphRequestCount == 0)
        }
    }

    @Test func unreachableGraphAPIIsUnreachable() async throws {
        let closed = ClosedLoopbackPort()
        let configuration = FacebookConfiguration(
            appID: "1", appSecret: "s", redirectURI: "http://127.0.0.1/cb", graphURL: "http://127.0.0.1:\(closed.port)/v19.0",
            timeout: 0.5)
        let client = FacebookProvider(configuration: configuration, logger: testLogger)
        await #expect(throws: FederationFailure.unreachable) {
            try await client.identity(code: "code", issuerParameter: nil, transaction: OpenIDFixture.transaction())
        }
    }

    @Test func missingAppRegistrationIsNotConfigured() async throws {
        let client = FacebookProvider(configuration: FacebookConfiguration(appID: "", appSecret: "", redirectURI: ""), logger: testLogger)
        await #expect(throws: FederationFailure.notConfigured) {
            try await client.authorizationURL(for: OpenIDFixture.transaction())
        }
    }
}
