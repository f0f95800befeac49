import Foundation

/// A subscriber line number of line authentication (回線番号, SPEC D6): `CAF` and 10 letters or
/// digits, or `COP` and 8, upper case. What is unambiguous is normalised as typed or pasted:
/// full-width characters (NFKC), lower case, and spaces or hyphens between the characters.
/// Anything else is refused with the reason.
public struct LineNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalised number, e.g. `CAF1234567890`.
    public let value: String

    /// Longer input is refused before it is normalised: no line number comes near it.
    static let maxInputLength = 64

    /// The two kinds of line and the characters that follow their prefix.
    static let digitsAfterPrefix = ["CAF": 10, "COP": 8]

    public init(parsing raw: String) throws(LineNumberProblem) {
        guard raw.count <= Self.maxInputLength else { throw .wrongLength }
        let folded = raw.precomposedStringWithCompatibilityMapping.uppercased()
        let compact = folded.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "-" }
        guard !compact.isEmpty else { throw .empty }
        guard compact.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) }) else { throw .invalidCharacters }
        let text = String(String.UnicodeScalarView(compact))
        guard let expected = Self.digitsAfterPrefix[String(text.prefix(3))] else { throw .unknownPrefix }
        guard text.count == 3 + expected else { throw .wrongLength }
        value = text
    }

    public var description: String { value }

    public static func < (lhs: LineNumber, rhs: LineNumber) -> Bool { lhs.value < rhs.value }
}

/// Why a typed line number was refused; the web layer shows `line_problem.<rawValue>`.
public enum LineNumberProblem: String, Error, Sendable, CaseIterable {
    case empty
    /// Neither `CAF` nor `COP`.
    case unknownPrefix
    /// Not 13 characters for `CAF`, not 11 for `COP`.
    case wrongLength
    /// Something other than letters and digits (after the normalisation).
    case invalidCharacters
    /// The same number twice in what was pasted, or already registered.
    case duplicate
}

/// 「回線番号」 as pasted into the admin console's box: one number per line, or several separated by
/// commas or semicolons. Blank entries are skipped; each other entry is accepted once or refused
/// with its reason, in the order given.
public struct PastedLineNumbers: Sendable, Equatable {
    public struct Refused: Sendable, Equatable {
        /// The entry as typed (trimmed), to show next to its reason.
        public let text: String
        public let problem: LineNumberProblem

        public init(text: String, problem: LineNumberProblem) {
            self.text = text
            self.problem = problem
        }
    }

    public let accepted: [LineNumber]
    public let refused: [Refused]

    /// Reads `text`; numbers in `registered` are refused as duplicates.
    public init(_ text: String, registered: Set<LineNumber> = []) {
        var accepted: [LineNumber] = []
        var refused: [Refused] = []
        var seen = registered
        for entry in text.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" || $0 == "、" }) {
            let trimmed = TextInput.trimmed(String(entry))
            guard !trimmed.isEmpty else { continue }
            do {
                let number = try LineNumber(parsing: trimmed)
                if seen.insert(number).inserted {
                    accepted.append(number)
                } else {
                    refused.append(Refused(text: String(trimmed.prefix(LineNumber.maxInputLength)), problem: .duplicate))
                }
            } catch {
                refused.append(Refused(text: String(trimmed.prefix(LineNumber.maxInputLength)), problem: error))
            }
        }
        self.accepted = accepted
        self.refused = refused
    }
}
