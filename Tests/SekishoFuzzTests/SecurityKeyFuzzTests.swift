import Foundation
import PropertyBased
import SekishoCore
import SekishoTestSupport
import Testing

/// Issue 10, item 2, for security keys: the CBOR decoder, the authenticator data parser and the
/// form fields take what a browser (or anyone posing as one) sends. Raw bytes must never crash
/// them, and a real answer with any byte changed must never get in.
@Suite("Fuzzing the security-key parsers")
struct SecurityKeyFuzzTests {
    static let party = RelyingParty(settings: ServiceSettings(publicURL: URL(string: "http://127.0.0.1:8080")!, mailDomain: "sekisho.test"))

    @Test("CBOR: raw bytes decode or are refused; what decodes encodes back to the same bytes or to a shorter canonical form")
    func cbor() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.bytes) { bytes in
            guard let value = try? CBOR.decode(bytes) else { return }
            #expect(TestCBOR.encode(value) == bytes || bytes.count > TestCBOR.encode(value).count,
                    "only shorter canonical forms may differ from the input")
        }
    }

    @Test("authenticator data: raw bytes parse or are refused, and a parse keeps the hash and flags it read")
    func authenticatorData() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.bytes) { bytes in
            guard let data = try? AuthenticatorData(bytes) else { return }
            #expect(data.flags == bytes[32] && data.relyingPartyHash == Array(bytes[0..<32]))
            #expect((data.credential != nil) == (bytes[32] & 0x40 != 0))
        }
    }

    @Test("form fields: hostile text never decodes to an answer with an empty part")
    func formFields() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            if let answer = SecurityKeyAssertion(credentialID: text, clientData: text, authenticatorData: text, signature: text) {
                #expect(!answer.clientData.isEmpty && !answer.signature.isEmpty && answer.credentialID == text)
            }
            #expect(SecurityKeyRegistration(credentialID: text, clientData: nil, attestation: text) == nil)
        }
    }

    @Test("a real sign-in answer with one byte changed anywhere is refused")
    func mutatedAssertions() async throws {
        let authenticator = SoftwareAuthenticator()
        let challenge = SecretToken.generate().text
        let new = try Self.party.verifyRegistration(authenticator.register(challenge: challenge), challenge: challenge)
        let key = SecurityKey(
            id: .random(), personID: PersonID(rawValue: "p"), credentialID: new.credentialID, publicKey: new.publicKey, signCount: 0,
            name: "k", createdAt: Date())
        let answer = authenticator.assert(challenge: challenge, counter: 1)
        #expect(throws: Never.self) { try Self.party.verifyAssertion(answer, by: key, challenge: challenge) }
        let parts = [answer.clientData, answer.authenticatorData, answer.signature]
        let positions = Gen<Int>.int(in: 0...(parts.map(\.count).reduce(0, +) - 1))
        let flips = Gen<UInt8>.uint8(in: 1...255)
        await propertyCheck(count: HostileInput.runs, input: positions, flips) { position, flip in
            var bytes = parts.flatMap { $0 }
            bytes[position] ^= flip
            let client = Array(bytes[0..<parts[0].count])
            let data = Array(bytes[parts[0].count..<(parts[0].count + parts[1].count)])
            let signature = Array(bytes[(parts[0].count + parts[1].count)...])
            let mutated = SecurityKeyAssertion(
                credentialID: answer.credentialID, clientData: client, authenticatorData: data, signature: signature)
            #expect(throws: SecurityKeyRejected.self) { try Self.party.verifyAssertion(mutated, by: key, challenge: challenge) }
        }
    }
}
