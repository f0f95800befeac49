import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

/// The token request and the defences around it: single-use codes, PKCE, RFC 9207, discovery.
@Suite struct CodeExchangeTests {
    @Test func codeCanBeExchangedOnlyOnce() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = OpenIDFixture.transaction()
            let url = try await fixture.client.authorizationURL(for: transaction)
            let approval = try fixture.server.approve(url, subject: "s")
            _ = try await fixture.client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)

            await #expect(throws: FederationFailure.invalidResponse("token endpoint 400")) {
                try await fixture.client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)
            }
        }
    }

    @Test func wrongPKCEVerifierIsRefusedByTheProvider() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = OpenIDFixture.transaction()
            let url = try await fixture.client.authorizationURL(for: transaction)
            let approval = try fixture.server.approve(url, subject: "s")
            // Same state and nonce, another verifier: a code injected into another browser's flow.
            let other = AuthorizationTransaction(state: transaction.state, nonce: transaction.nonce, codeVerifier: SecretToken.generate().text)

            await #expect(throws: FederationFailure.invalidResponse("token endpoint 400")) {
                try await fixture.client.identity(code: approval.code, issuerParameter: nil, transaction: other)
            }
        }
    }

    @Test func issuerParameterOfAnotherProviderIsRefusedBeforeTheCodeIsSent() async throws {
        try await withOpenIDProvider { fixture in
            let transaction = OpenIDFixture.transaction()
            let url = try await fixture.client.authorizationURL(for: transaction)
            let approval = try fixture.server.approve(url, subject: "s")

            await #expect(throws: FederationFailure.invalidResponse("iss parameter")) {
                try await fixture.client.identity(code: approval.code, issuerParameter: "https://attacker.example", transaction: transaction)
            }
            #expect(fixture.server.tokenRequestCount == 0)
            // The same code still works for the matching issuer: nothing was spent.
            let identity = try await fixture.client.identity(
                code: approval.code, issuerParameter: fixture.server.issuer, transaction: transaction)
            #expect(identity.subject == "s")
        }
    }

    @Test func discoveryDocumentOfAnotherIssuerIsRefused() async throws {
        try await withOpenIDProvider { fixture in
            fixture.server.overrideDiscoveryIssuer(fixture.server.issuer + "/other")
            await #expect(throws: FederationFailure.invalidResponse("discovery issuer")) {
                try await fixture.client.authorizationURL(for: OpenIDFixture.transaction())
            }
            // A failed discovery is not cached: once the provider answers correctly, sign-in works.
            fixture.server.overrideDiscoveryIssuer(nil)
            let identity = try await fixture.signIn(subject: "s")
            #expect(identity.subject == "s")
        }
    }

    @Test func wrongClientSecretIsRefusedByTheProvider() async throws {
        try await withOpenIDProvider { fixture in
            let configuration = OpenIDConnectConfiguration(
                issuer: fixture.server.issuer, clientID: fixture.server.clientID, clientSecret: "not-the-secret",
                redirectURI: fixture.server.redirectURI)
            let client = OpenIDConnectProvider(configuration: configuration, clock: fixture.clock, logger: testLogger)
            let transaction = OpenIDFixture.transaction()
            let approval = try fixture.server.approve(try await client.authorizationURL(for: transaction), subject: "s")
            await #expect(throws: FederationFailure.invalidResponse("token endpoint 401")) {
                try await client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)
            }
        }
    }
}
