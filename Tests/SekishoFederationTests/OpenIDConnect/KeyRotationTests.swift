import Foundation
import SekishoCore
import SekishoFederation
import SekishoTestSupport
import Testing

/// The JWKS cache: a new `kid` triggers one refetch (key rotation), at most one per 60 s of the
/// injected clock.
@Suite struct KeyRotationTests {
    @Test func unknownKeyIDRefetchesTheKeysAtMostOncePerMinute() async throws {
        try await withOpenIDProvider { fixture in
            _ = try await fixture.signIn(subject: "before-rotation")
            #expect(fixture.server.jwksFetchCount == 1)

            // The provider rotates a while later: the first token under the new kid refetches once.
            fixture.clock.advance(by: 61)
            #expect(try fixture.server.rotateSigningKey() == "key-2")
            #expect(try await fixture.signIn(subject: "after-rotation").subject == "after-rotation")
            #expect(fixture.server.jwksFetchCount == 2)

            // Another unknown kid within the minute is refused without asking the provider.
            await #expect(throws: FederationFailure.invalidResponse("unknown kid")) {
                try await fixture.signIn(fault: .keyID("made-up-kid"))
            }
            try fixture.server.rotateSigningKey()
            fixture.clock.advance(by: 59)
            await #expect(throws: FederationFailure.invalidResponse("unknown kid")) {
                try await fixture.signIn(subject: "too-soon")
            }
            #expect(fixture.server.jwksFetchCount == 2)

            // Once the minute is over, the next unknown kid refetches and the new key is found.
            fixture.clock.advance(by: 1)
            #expect(try await fixture.signIn(subject: "a-minute-later").subject == "a-minute-later")
            #expect(fixture.server.jwksFetchCount == 3)
        }
    }

    @Test func keyIDThatIsNeverPublishedIsRefusedAfterOneRefetch() async throws {
        try await withOpenIDProvider { fixture in
            _ = try await fixture.signIn()
            fixture.clock.advance(by: 120)
            await #expect(throws: FederationFailure.invalidResponse("unknown kid")) {
                try await fixture.signIn(fault: .keyID("never-published"))
            }
            #expect(fixture.server.jwksFetchCount == 2)
        }
    }

    /// ASVS 9.1.3: keys come only from the issuer's discovered `jwks_uri`. A token signed with
    /// another key, whose header carries that key (`jwk`) and points at it (`jku`, `x5u`), is
    /// refused as a bad signature, and the place the header names is never asked.
    @Test func keyNamedByTheTokenHeaderIsNotTrusted() async throws {
        try await withOpenIDProvider { fixture in
            await #expect(throws: FederationFailure.invalidResponse("id token signature")) {
                try await fixture.signIn(fault: .keyInHeader)
            }
            #expect(fixture.server.attackerKeyFetchCount == 0)
            #expect(fixture.server.jwksFetchCount == 1)
        }
    }
}
