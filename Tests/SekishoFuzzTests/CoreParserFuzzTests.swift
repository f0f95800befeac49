import Foundation
import PropertyBased
import SekishoCore
import Testing

/// Issue 10, item 2: every parser of SekishoCore that reads outside input, fed hostile text. Each
/// property also states what a parse that succeeds must give, so "no crash" is not all it checks.
@Suite("Fuzzing the core parsers")
struct CoreParserFuzzTests {
    @Test("emails: a parsed address is trimmed, has one @, and parses again to itself")
    func emails() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let email = EmailAddress(parsing: text) else { return }
            #expect(email.value.filter { $0 == "@" }.count == 1 && email.value == email.value.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(EmailAddress(parsing: email.value) == email)
        }
    }

    @Test("tickets and cookies' tokens: only 43 characters of base64url parse, and give back their text")
    func tokens() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let token = SecretToken(parsing: text) else { return }
            #expect(token.text == text && text.utf8.count == 43)
        }
        let token = SecretToken.generate()
        #expect(SecretToken(parsing: token.text)?.digest == token.digest)
    }

    @Test("recovery codes: whatever is typed, a code that parses has the shape of one")
    func recoveryCodes() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let code = RecoveryCode(typed: text) else { return }
            #expect(RecoveryCode(typed: code.display)?.digest == code.digest)
        }
        let code = RecoveryCode.generate()
        #expect(RecoveryCode(typed: " " + code.display.lowercased() + " ")?.digest == code.digest)
    }

    @Test("authenticator and SMS codes: what is kept is six ASCII digits")
    func typedCodes() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let digits = TypedCode.digits(text) else { return }
            #expect(digits.utf8.count == SMSCode.digits && digits.utf8.allSatisfy { (0x30...0x39).contains($0) })
        }
    }

    @Test("phone numbers: a number that parses is +81 and digits only")
    func phoneNumbers() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let phone = PhoneNumber(text) else { return }
            #expect(phone.e164.hasPrefix("+81") && phone.e164.dropFirst().allSatisfy(\.isASCII) && phone.e164.dropFirst().allSatisfy(\.isNumber))
        }
    }

    @Test("line numbers: one number parses or is refused with a reason; a pasted list accounts for every entry")
    func lineNumbers() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            do {
                let number = try LineNumber(parsing: text)
                #expect(try LineNumber(parsing: number.description) == number)
            } catch {
                #expect(error is LineNumberProblem)
            }
            let pasted = PastedLineNumbers(text)
            #expect(pasted.accepted.count == Set(pasted.accepted).count, "no number twice")
        }
    }

    @Test("ids in paths, stored password hashes, Base32 and base64url: no crash, and encodings round-trip")
    func identifiersAndEncodings() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            if let id = PersonID(parsing: text) { #expect(PersonID(parsing: id.rawValue) == id) }
            _ = PasswordHash(phcString: text)
            if let bytes = Base32.decode(text) { #expect(Base32.decode(Base32.encode(bytes)) == bytes) }
            if let bytes = UnpaddedBase64.decode(text[...]) { #expect(UnpaddedBase64.decode(UnpaddedBase64.encode(bytes)[...]) == bytes) }
            _ = BrowserLabel.from(userAgent: text)
            #expect(TextInput.trimmed(TextInput.trimmed(text)) == TextInput.trimmed(text))
        }
        await propertyCheck(count: HostileInput.runs, input: HostileInput.bytes) { bytes in
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
            #expect(UnpaddedBase64.decode(UnpaddedBase64.encode(bytes)[...]) == bytes)
        }
    }
}
