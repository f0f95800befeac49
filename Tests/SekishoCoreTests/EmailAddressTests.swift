import SekishoCore
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("valid addresses are trimmed, NFKC-normalised, and compared in lower case", arguments: [
        ("Taro@Example.JP", "taro@example.jp"), ("  a.b+c@mail.example.co.jp\n", "a.b+c@mail.example.co.jp"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"), ("x@xn--eckwd4c7c.xn--zckzah", "x@xn--eckwd4c7c.xn--zckzah"),
    ])
    func valid(raw: String, normalized: String) throws {
        let email = try #require(EmailAddress(parsing: raw))
        #expect(email.normalized == normalized)
    }

    @Test("invalid addresses are refused", arguments: [
        "", "taro", "taro@", "@example.jp", "taro@example", "taro@@example.jp", "ta ro@example.jp", ".taro@example.jp",
        "taro.@example.jp", "ta..ro@example.jp", "taro@-example.jp", "taro@example.j", "taro@example.123", "太郎@example.jp",
        "taro@exa_mple.jp", "taro@example..jp", "\(String(repeating: "a", count: 65))@example.jp",
        "a@\(String(repeating: "b", count: 250)).jp", "taro@example.jp\r\nBcc: x@evil.example",
    ])
    func invalid(raw: String) {
        #expect(EmailAddress(parsing: raw) == nil)
    }

    /// The rules again as one regular expression, written apart from the byte checks, against
    /// random addresses built from the characters that decide them (the length limits are the
    /// invalid list's).
    @Test("random ASCII addresses are accepted exactly when the rules' regular expression matches")
    func agreesWithTheRules() throws {
        let atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
        let label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        let rules = try Regex("(?=[^@]{1,64}@)\(atom)(?:\\.\(atom))*@(?:\(label)\\.)+(?=[A-Za-z0-9-]*[A-Za-z-])(?=[A-Za-z0-9-]{2})\(label)")
        var generator = SystemRandomNumberGenerator()
        func random(_ alphabet: String, _ lengths: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: lengths, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        var accepted = 0
        for _ in 0..<20_000 {
            let text = Bool.random(using: &generator) ? random("aZ9.-@_+", 1...12) : random("aZ9.-_+", 0...6) + "@" + random("a9.-", 1...8)
            let expected = text.wholeMatch(of: rules) != nil
            #expect((EmailAddress(parsing: text) != nil) == expected, "\(text)")
            if expected { accepted += 1 }
        }
        #expect(accepted > 100, "the sample reaches valid addresses too")
    }

    @Test("the local part feeds the password policy")
    func localPart() {
        #expect(EmailAddress(parsing: "Taro.Yamada@example.jp")?.localPart == "taro.yamada")
    }
}

@Suite("Text fields")
struct TextInputTests {
    @Test("trimmed, required, bounded, without control characters")
    func rules() {
        var errors = FormErrors()
        #expect(TextInput.required("\u{3000} 山田 太郎 \n", field: "a", maxLength: 10, errors: &errors) == "山田 太郎")
        #expect(TextInput.required(" ", field: "b", maxLength: 10, errors: &errors) == nil)
        #expect(TextInput.required(nil, field: "c", maxLength: 10, errors: &errors) == nil)
        #expect(TextInput.required("12345678901", field: "d", maxLength: 10, errors: &errors) == nil)
        #expect(TextInput.required("a\u{0007}b", field: "e", maxLength: 10, errors: &errors) == nil)
        #expect(TextInput.required("a\u{202E}b", field: "f", maxLength: 10, errors: &errors) == nil)
        #expect(errors.problems == ["b": .required, "c": .required, "d": .tooLong, "e": .invalidCharacters, "f": .invalidCharacters])
    }
}
