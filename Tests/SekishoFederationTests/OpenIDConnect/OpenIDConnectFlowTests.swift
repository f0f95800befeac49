import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

@Suite struct OpenIDConnectFlowTests {
    @Test func authorizationURLCarriesTheCodeRequestWithNonceAndS256Challenge() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = AuthorizationTransaction(state: "st+at/e=1&x", nonce: "n-0nce_value", codeVerifier: "verifier-with-43-characters-aaaaaaaaaaaaaaa")
            let url = try await fixture.client.authorizationURL(for: transaction)

            #expect(url.hasPrefix(fixture.server.issuer + "/authorize?"))
            let query = try #require(FormFields(queryOf: url))
            #expect(query.values == [
                "response_type": "code",
                "client_id": fixture.server.clientID,
                "redirect_uri": fixture.server.redirectURI,
                "scope": "openid email profile",
                "state": "st+at/e=1&x",
                "nonce": "n-0nce_value",
                "code_challenge": independentS256("verifier-with-43-characters-aaaaaaaaaaaaaaa"),
                "code_challenge_method": "S256",
            ])
            // Reserved characters travel escaped, so the query has exactly these eight fields.
            #expect(!url.contains("st+at"))
            #expect(!url.contains("verifier-with"))
        }
    }

    @Test(arguments: TestSigningAlgorithm.allCases)
    func fullFlowAnswersTheProvidersIdentity(algorithm: TestSigningAlgorithm) async throws {
        try await withOpenIDProvider(algorithm: algorithm) { fixture in
            let identity = try await fixture.signIn(subject: "110169484474386276334", email: "Taro@Example.jp")

            #expect(identity.provider == .google)
            #expect(identity.issuer == fixture.server.issuer)
            #expect(identity.subject == "110169484474386276334")
            #expect(identity.email?.normalized == "taro@example.jp")
            #expect(identity.emailVerified)
            #expect(identity.name == "山田 太郎")
            #expect(fixture.server.tokenRequestCount == 1)
        }
    }

    @Test func discoveryAndKeysAreFetchedOnceForManySignIns() async throws {
        try await withOpenIDProvider { fixture in
            for subject in ["a", "b", "c"] {
                let identity = try await fixture.signIn(subject: subject)
                #expect(identity.subject == subject)
            }
            #expect(fixture.server.discoveryFetchCount == 1)
            #expect(fixture.server.jwksFetchCount == 1)
        }
    }

    @Test func unverifiedOrMissingEmailIsNeverVerified() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = OpenIDFixture.transaction()
            let url = try await fixture.client.authorizationURL(for: transaction)
            let approval = try fixture.server.approve(url, subject: "s1", email: "hanako@example.jp", emailVerified: false)
            let unverified = try await fixture.client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)
            #expect(unverified.email?.value == "hanako@example.jp")
            #expect(!unverified.emailVerified)

            let noEmail = try await fixture.signIn(subject: "s2", email: nil)
            #expect(noEmail.email == nil)
            #expect(!noEmail.emailVerified)
            #expect(noEmail.subject == "s2")
        }
    }

    @Test func missingClientRegistrationIsNotConfigured() async throws {
        let configuration = OpenIDConnectConfiguration(
            issuer: "https://accounts.google.com", clientID: "", clientSecret: "", redirectURI: "https://sekisho.example/cb")
        let client = OpenIDConnectProvider(configuration: configuration, clock: FixedClock(), logger: testLogger)
        await #expect(throws: FederationFailure.notConfigured) {
            try await client.authorizationURL(for: OpenIDFixture.transaction())
        }
        await #expect(throws: FederationFailure.notConfigured) {
            try await client.identity(code: "c", issuerParameter: nil, transaction: OpenIDFixture.transaction())
        }
    }

    @Test func googleConfigurationUsesGooglesIssuerAndDiscoveryURL() {
        let configuration = OpenIDConnectConfiguration.google(clientID: "id", clientSecret: "secret", redirectURI: "https://s.example/cb")
        #expect(configuration.issuer == "https://accounts.google.com")
        #expect(configuration.discoveryURL == "https://accounts.google.com/.well-known/openid-configuration")
        #expect(configuration.scopes == ["openid", "email", "profile"])
        #expect(configuration.timeout == 10)
        #expect(configuration.provider == .google)
        #expect(configuration.issuerAliases == ["accounts.google.com"])
    }
}
