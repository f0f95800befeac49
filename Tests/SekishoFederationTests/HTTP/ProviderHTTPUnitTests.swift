import Foundation
@testable import SekishoFederation
import SekishoCore
import Testing

/// The small pieces under the providers: encoding, JSON reading, header rules, the Facebook proof.
@Suite struct ProviderHTTPUnitTests {
    @Test func formEncodingEscapesEverythingButUnreservedCharacters() {
        #expect(FormEncoding.encode([("a b", "x+y&z=1/é~._-")]) == "a%20b=x%2By%26z%3D1%2F%C3%A9~._-")
        #expect(FormEncoding.url("https://p.example/auth", [("k", "v")]) == "https://p.example/auth?k=v")
        #expect(FormEncoding.url("https://p.example/auth?x=1", [("k", "v")]) == "https://p.example/auth?x=1&k=v")
    }

    @Test func jsonBooleansAreNotNumbers() throws {
        let json = try #require(JSONObject(data: Data(#"{"t":true,"one":1,"s":"true","id":1234567890123}"#.utf8)))
        #expect(json.bool("t") == true)
        #expect(json.bool("one") == nil)
        #expect(json.bool("s") == nil)
        #expect(json.identifier("id") == "1234567890123")
        #expect(json.identifier("t") == nil)
        #expect(JSONObject(data: Data("[1]".utf8)) == nil)
    }

    @Test func headerMustNameAnAllowedAlgorithmAndAKeyID() throws {
        func token(_ header: String) -> String { Base64URL.encode(Data(header.utf8)) + ".e30.c2ln" }

        let rsa = try IDTokenHeader(token: token(#"{"alg":"RS256","kid":"k1"}"#))
        #expect(rsa.algorithm == .rs256 && rsa.kid == "k1")
        #expect(try IDTokenHeader(token: token(#"{"alg":"ES256","kid":"k2","typ":"JWT"}"#)).algorithm == .es256)
        for (header, reason) in [
            (#"{"alg":"none","kid":"k"}"#, "id token alg"), (#"{"alg":"HS256","kid":"k"}"#, "id token alg"),
            (#"{"alg":"PS256","kid":"k"}"#, "id token alg"), (#"{"kid":"k"}"#, "id token alg"),
            (#"{"alg":"RS256"}"#, "id token kid"), (#"{"alg":"RS256","kid":""}"#, "id token kid"),
            (#"{"alg":"RS256","kid":"k","crit":["exp"]}"#, "id token crit"),
        ] {
            #expect(throws: FederationFailure.invalidResponse(reason)) { try IDTokenHeader(token: token(header)) }
        }
        #expect(throws: FederationFailure.invalidResponse("id token malformed")) { try IDTokenHeader(token: "a.b") }
        #expect(throws: FederationFailure.invalidResponse("id token malformed")) { try IDTokenHeader(token: "!!.e30.c2ln") }
    }

    @Test func appSecretProofIsHexHMACSHA256OfTheTokenUnderTheSecret() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        #expect(AppSecretProof.make(accessToken: "what do ya want for nothing?", appSecret: "Jefe")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func onlyHTTPSOrLoopbackEndpointsAreAccepted() {
        #expect(DiscoveryDocument.isAcceptableEndpoint("https://oauth2.googleapis.com/token"))
        #expect(DiscoveryDocument.isAcceptableEndpoint("http://127.0.0.1:8080/token"))
        #expect(!DiscoveryDocument.isAcceptableEndpoint("http://oauth2.googleapis.com/token"))
        #expect(!DiscoveryDocument.isAcceptableEndpoint("javascript:alert(1)"))
        #expect(!DiscoveryDocument.isAcceptableEndpoint("/token"))
        #expect(!DiscoveryDocument.isAcceptableEndpoint("https://user@evil.example/token"))
    }
}
