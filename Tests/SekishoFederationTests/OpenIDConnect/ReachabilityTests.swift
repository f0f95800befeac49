import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

/// A provider that cannot be reached, or answers too late, is `.unreachable`, never a hang.
@Suite struct ReachabilityTests {
    @Test func closedPortIsUnreachable() async throws {
        let closed = ClosedLoopbackPort()
        let configuration = OpenIDConnectConfiguration(
            issuer: "http://127.0.0.1:\(closed.port)", clientID: "client", clientSecret: "secret",
            redirectURI: "http://127.0.0.1/cb", timeout: 2)
        let client = OpenIDConnectProvider(configuration: configuration, clock: FixedClock(), logger: testLogger)

        await #expect(throws: FederationFailure.unreachable) {
            try await client.authorizationURL(for: OpenIDFixture.transaction())
        }
        await #expect(throws: FederationFailure.unreachable) {
            try await client.identity(code: "code", issuerParameter: nil, transaction: OpenIDFixture.transaction())
        }
    }

    @Test func providerSlowerThanTheTimeoutIsUnreachable() async throws {
        try await withOpenIDProvider(timeout: 6) { fixture in
            // Discovery answers in time (6 s leaves room for a machine busy with the whole suite), then
            // the token endpoint stalls past the client's timeout.
            let transaction = OpenIDFixture.transaction()
            let approval = try fixture.server.approve(try await fixture.client.authorizationURL(for: transaction), subject: "s")
            fixture.server.setResponseDelay(.seconds(60))

            await #expect(throws: FederationFailure.unreachable) {
                try await fixture.client.identity(code: approval.code, issuerParameter: nil, transaction: transaction)
            }
        }
    }

    @Test func slowDiscoveryIsUnreachable() async throws {
        try await withOpenIDProvider(timeout: 2) { fixture in
            fixture.server.setResponseDelay(.seconds(30))
            await #expect(throws: FederationFailure.unreachable) {
                try await fixture.client.authorizationURL(for: OpenIDFixture.transaction())
            }
        }
    }
}
