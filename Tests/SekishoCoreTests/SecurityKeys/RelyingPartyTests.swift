import Foundation
import SekishoCore
import SekishoTestSupport
import Testing

/// The checks of WebAuthn §7.1 and §7.2 that make a security key phishing-resistant.
@Suite("Security keys: the relying party's checks")
struct RelyingPartyTests {
    let party = RelyingParty(settings: ServiceSettings(
        publicURL: URL(string: "http://127.0.0.1:8080")!, mailDomain: "sekisho.test", lineEntranceURL: URL(string: "https://line.example.jp")))
    let challenge = SecretToken.generate().text

    func stored(_ authenticator: SoftwareAuthenticator, counter: UInt32 = 0) throws -> SecurityKey {
        let new = try party.verifyRegistration(authenticator.register(challenge: challenge, counter: counter), challenge: challenge)
        return SecurityKey(
            id: .random(), personID: PersonID(rawValue: "p"), credentialID: new.credentialID, publicKey: new.publicKey,
            signCount: new.signCount, name: "key", createdAt: Date())
    }

    @Test("a key of each offered algorithm registers and then signs in", arguments: [
        SoftwareAuthenticator.Algorithm.es256, .ed25519, .rs256,
    ])
    func algorithms(algorithm: SoftwareAuthenticator.Algorithm) throws {
        let authenticator = SoftwareAuthenticator(algorithm: algorithm)
        let key = try stored(authenticator)
        #expect(key.credentialID == authenticator.credentialID)
        #expect(try party.verifyAssertion(authenticator.assert(challenge: challenge), by: key, challenge: challenge) == 0)
    }

    @Test("the RP ID is the public URL's host; the public URL and the line entrance are the origins")
    func identity() throws {
        #expect(party.id == "127.0.0.1")
        let onLine = SoftwareAuthenticator(origin: "https://line.example.jp")
        let key = try stored(onLine)
        #expect(throws: Never.self) { try party.verifyAssertion(onLine.assert(challenge: challenge), by: key, challenge: challenge) }

        let spelledOut = RelyingParty(settings: ServiceSettings(publicURL: URL(string: "https://Portal.example.jp:443/")!, mailDomain: "x"))
        let browser = SoftwareAuthenticator(rpID: "portal.example.jp", origin: "https://portal.example.jp")
        #expect(spelledOut.id == "portal.example.jp")
        #expect(throws: Never.self, "the browser's origin leaves out the default port") {
            try spelledOut.verifyRegistration(browser.register(challenge: challenge), challenge: challenge)
        }
    }

    @Test("an answer for another site, another ceremony or another challenge, or without a touch, registers nothing")
    func registrationChecks() {
        let key = SoftwareAuthenticator()
        let bent: [(SecurityKeyRegistration, SecurityKeyRejected)] = [
            (key.register(challenge: challenge, origin: "https://codex-storage.example.evil"), .wrongCeremony),
            (key.register(challenge: challenge, rpID: "evil.example"), .wrongCeremony),
            (key.register(challenge: challenge, type: "webauthn.get"), .wrongCeremony),
            (key.register(challenge: SecretToken.generate().text), .wrongCeremony),
            (key.register(challenge: challenge, flags: 0x40), .notPresent),
            (key.register(challenge: challenge, flags: 0x01), .malformed),  // no attested credential
        ]
        for (response, reason) in bent {
            #expect(throws: reason) { try party.verifyRegistration(response, challenge: challenge) }
        }
    }

    @Test("a sign-in answer is refused when anything differs: site, ceremony, challenge, touch, key or signature")
    func assertionChecks() throws {
        let authenticator = SoftwareAuthenticator()
        let key = try stored(authenticator)
        let bent: [(SecurityKeyAssertion, SecurityKeyRejected)] = [
            (authenticator.assert(challenge: challenge, origin: "https://phish.example"), .wrongCeremony),
            (authenticator.assert(challenge: challenge, rpID: "phish.example"), .wrongCeremony),
            (authenticator.assert(challenge: challenge, type: "webauthn.create"), .wrongCeremony),
            (authenticator.assert(challenge: SecretToken.generate().text), .wrongCeremony),
            (authenticator.assert(challenge: challenge, flags: 0x00), .notPresent),
            (SoftwareAuthenticator().assert(challenge: challenge), .badSignature),
        ]
        for (response, reason) in bent {
            #expect(throws: reason) { try party.verifyAssertion(response, by: key, challenge: challenge) }
        }
        let good = authenticator.assert(challenge: challenge)
        var signature = good.signature
        signature[signature.count - 1] ^= 1
        let forged = SecurityKeyAssertion(
            credentialID: good.credentialID, clientData: good.clientData, authenticatorData: good.authenticatorData, signature: signature)
        #expect(throws: SecurityKeyRejected.badSignature) { try party.verifyAssertion(forged, by: key, challenge: challenge) }
    }

    @Test("a counting key must count up: a counter that stays or goes back means a cloned key")
    func counter() throws {
        let authenticator = SoftwareAuthenticator()
        let key = try stored(authenticator, counter: 5)
        #expect(try party.verifyAssertion(authenticator.assert(challenge: challenge, counter: 6), by: key, challenge: challenge) == 6)
        for stale: UInt32 in [5, 4, 0] {
            #expect(throws: SecurityKeyRejected.counterReplayed) {
                try party.verifyAssertion(authenticator.assert(challenge: challenge, counter: stale), by: key, challenge: challenge)
            }
        }
    }

    @Test("the form's fields decode only as base64url of sensible length")
    func formFields() {
        let good = SoftwareAuthenticator().assert(challenge: challenge)
        let encode = { (bytes: [UInt8]) in Base64URL.encode(Data(bytes)) }
        #expect(SecurityKeyAssertion(
            credentialID: good.credentialID, clientData: encode(good.clientData), authenticatorData: encode(good.authenticatorData),
            signature: encode(good.signature)) != nil)
        #expect(SecurityKeyAssertion(credentialID: good.credentialID, clientData: "a+b/", authenticatorData: "AA", signature: "AA") == nil)
        #expect(SecurityKeyAssertion(credentialID: nil, clientData: "AA", authenticatorData: "AA", signature: "AA") == nil)
        #expect(SecurityKeyRegistration(
            credentialID: String(repeating: "A", count: 2000), clientData: "AA", attestation: "AA") == nil, "an id beyond 1,023 bytes")
    }
}
