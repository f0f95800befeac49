import SekishoCore
import Testing

@Suite("Line numbers (SPEC D6)")
struct LineNumberTests {
    @Test("CAF + 10 and COP + 8 letters or digits, normalised to upper case", arguments: [
        ("CAF1234567890", "CAF1234567890"),
        ("cop1234abcd", "COP1234ABCD"),
        ("ＣＡＦ１２３４５６７８９０", "CAF1234567890"),
        ("  CAF 1234 567 890 ", "CAF1234567890"),
        ("CAF-1234-567890", "CAF1234567890"),
        ("ｃｏｐ　1234　ABCD", "COP1234ABCD"),
    ])
    func accepted(raw: String, value: String) throws {
        #expect(try LineNumber(parsing: raw).value == value)
    }

    @Test("what cannot be read unambiguously is refused with its reason", arguments: [
        ("", LineNumberProblem.empty),
        (" - ", .empty),
        ("CAX1234567890", .unknownPrefix),
        ("1234567890", .unknownPrefix),
        ("CAF123456789", .wrongLength),
        ("CAF12345678901", .wrongLength),
        ("COP1234567", .wrongLength),
        ("COP1234567890", .wrongLength),
        ("CAF12345_7890", .invalidCharacters),
        ("CAF12345ー7890", .invalidCharacters),
        ("CAFéééééééééé", .invalidCharacters),
        (String(repeating: "CAF", count: 30), .wrongLength),
    ])
    func refused(raw: String, problem: LineNumberProblem) {
        #expect(throws: problem) { try LineNumber(parsing: raw) }
    }

    @Test("pasted many: one per line or separated by commas; blanks skipped; duplicates and bad ones refused in order")
    func pasted() throws {
        let registered: Set = [try LineNumber(parsing: "COP0000AAAA")]
        let pasted = PastedLineNumbers("""
            CAF1234567890
            cop1234abcd, CAF1234567890;

            CAF12
            cop0000aaaa、ＣＡＦ００００００００００
            """, registered: registered)
        #expect(pasted.accepted.map(\.value) == ["CAF1234567890", "COP1234ABCD", "CAF0000000000"])
        #expect(pasted.refused == [
            .init(text: "CAF1234567890", problem: .duplicate), .init(text: "CAF12", problem: .wrongLength),
            .init(text: "cop0000aaaa", problem: .duplicate),
        ])
    }
}
