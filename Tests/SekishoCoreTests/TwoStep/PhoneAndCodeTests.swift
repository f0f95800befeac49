import Foundation
import SekishoCore
import Testing

@Suite("Mobile numbers")
struct PhoneNumberTests {
    @Test("Japanese mobile numbers as people type them become E.164", arguments: [
        "090-1234-5678", "09012345678", "090 1234 5678", "+81 90 1234 5678", "+81-90-1234-5678", "+819012345678",
        "０９０－１２３４－５６７８", " 090-1234-5678 ", "(090) 1234-5678",
    ])
    func accepted(raw: String) throws {
        let phone = try #require(PhoneNumber(raw))
        #expect(phone.e164 == "+819012345678")
        #expect(phone.domestic == "090-1234-5678")
        #expect(phone.masked == "090-****-5678")
    }

    @Test("070 and 080 are mobile too")
    func otherPrefixes() {
        #expect(PhoneNumber("070-1111-2222")?.e164 == "+817011112222")
        #expect(PhoneNumber("080-1111-2222")?.e164 == "+818011112222")
    }

    @Test("landlines, foreign, short, long and garbage numbers are refused", arguments: [
        "03-1234-5678", "0120-123-456", "050-1234-5678", "+1 415 555 0100", "090-1234-567", "090-1234-56789",
        "090-1234-567a", "", "+", "++819012345678", "81-90-1234-5678", "090‐1234‐5678x", String(repeating: "0", count: 40),
    ])
    func refused(raw: String) {
        #expect(PhoneNumber(raw) == nil)
    }
}

@Suite("Recovery codes")
struct RecoveryCodeTests {
    @Test("120 random bits as 24 characters in six groups joined by 「-」")
    func shape() {
        let code = RecoveryCode.generate()
        #expect(code.canonical.count == 24)
        #expect(code.display.split(separator: "-").map(\.count) == [4, 4, 4, 4, 4, 4])
        #expect(code.canonical.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        #expect(RecoveryCode.generate() != code)
        #expect(code.digest != RecoveryCode.generate().digest)
    }

    @Test("read as copied: spaces, 「-」 (full-width too) and letter case do not matter; I, L, O read as 1, 1, 0")
    func typed() throws {
        let code = RecoveryCode.generate()
        #expect(RecoveryCode(typed: code.display) == code)
        #expect(RecoveryCode(typed: code.display.lowercased()) == code)
        #expect(RecoveryCode(typed: " " + code.display.replacingOccurrences(of: "-", with: " ") + " ") == code)
        #expect(RecoveryCode(typed: code.display.replacingOccurrences(of: "-", with: "－")) == code)
        #expect(RecoveryCode(typed: code.canonical) == code)
        let confusable = try #require(RecoveryCode(typed: "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"))
        #expect(RecoveryCode(typed: "abcd efgh jkmn pqrs tvwx yzol") == confusable)
        #expect(RecoveryCode(typed: "ABCD-EFGH-JKMN-PQRS-TVWX-YZOI") == confusable)
    }

    @Test("stray characters and wrong lengths are refused", arguments: [
        "", "ABCD-EFGH", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U", "ABCD_EFGH_JKMN_PQRS_TVWX_YZ01",
        "ABCD-EFGH-JKMN-PQRS-TVWX-YZ0!", "ÀBCD-EFGH-JKMN-PQRS-TVWX-YZ01", String(repeating: "-", count: 100),
    ])
    func refused(raw: String) {
        #expect(RecoveryCode(typed: raw) == nil)
    }
}

@Suite("Typed codes and SMS codes")
struct TypedCodeTests {
    @Test("six digits, full-width digits and spaces allowed", arguments: [("123456", "123456"), (" 123 456 ", "123456"), ("１２３４５６", "123456")])
    func accepted(raw: String, digits: String) {
        #expect(TypedCode.digits(raw) == digits)
    }

    @Test("anything but six digits is refused before any comparison", arguments: [
        nil, "", "12345", "1234567", "12345a", "123-456", "１２３４５", "٣٤٥٦٧٨", String(repeating: "1", count: 40),
    ])
    func refused(raw: String?) {
        #expect(TypedCode.digits(raw) == nil)
    }

    @Test("an SMS code is six digits; its stored form depends on the sign-in attempt")
    func smsCode() {
        let code = SMSCode.generate()
        #expect(code.text.count == 6 && code.text.allSatisfy(\.isNumber))
        let attempt = SecretToken.generate().digest
        #expect(code.digest(attempt: attempt) == code.digest(attempt: attempt))
        #expect(code.digest(attempt: attempt) != code.digest(attempt: SecretToken.generate().digest))
        #expect(!code.digest(attempt: attempt).contains(code.text))
    }

    @Test("SMS codes are spread over the whole range")
    func smsCodeSpread() {
        let first = Set((0..<200).map { _ in SMSCode.generate().text.first! })
        #expect(first.count >= 8, "leading digits vary, zero included")
    }
}
