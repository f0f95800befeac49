import Foundation

/// What the admin console's search matches (SPEC K1): a part of the name or of the email, ignoring
/// case and the width of characters (「ｓａｔｏ」 finds "Sato", 「ｻﾄｳ」 finds 「サトウ」).
///
/// Each person is found by a folded *search text* (name, separator, email). An index holds, for
/// every person, each distinct run of one to three characters of that text: a query of up to three
/// characters is one such run, a longer one contains all of its three-character runs. The index
/// narrows the people down and a substring test on the search text decides. Characters are Unicode
/// scalars, as PostgreSQL counts them, so the database can compute the same runs.
public enum DirectorySearch {
    /// Between the name and the email in the search text; folding removes it from queries, so no
    /// match spans both.
    public static let separator: Unicode.Scalar = "\u{1F}"
    public static let gramLength = 3

    /// NFKC (full-width letters and half-width kana to their usual forms), lower case, and no
    /// control characters.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        folded.append(contentsOf: text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
            .filter { !$0.properties.generalCategory.isControl })
        return String(folded)
    }

    /// The text a person is searched by.
    public static func text(name: String, email: String) -> String {
        fold(name) + String(separator) + fold(email)
    }

    /// Every distinct run of one to three characters of each part of a search text: what the index
    /// holds for one person.
    public static func indexGrams(of searchText: String) -> Set<String> {
        var grams = Set<String>()
        for part in searchText.unicodeScalars.split(separator: separator) {
            let scalars = Array(part)
            for length in 1...gramLength where scalars.count >= length {
                for start in 0...(scalars.count - length) {
                    grams.insert(String(String.UnicodeScalarView(scalars[start..<(start + length)])))
                }
            }
        }
        return grams
    }

    /// The runs a person's index entry must all hold to contain the folded `query`: the query itself
    /// when it is short, otherwise each of its three-character runs. Empty for an empty query.
    public static func queryGrams(_ query: String) -> [String] {
        let scalars = Array(query.unicodeScalars)
        guard scalars.count > gramLength else { return scalars.isEmpty ? [] : [query] }
        var grams: [String] = []
        for start in 0...(scalars.count - gramLength) {
            let gram = String(String.UnicodeScalarView(scalars[start..<(start + gramLength)]))
            if !grams.contains(gram) { grams.append(gram) }
        }
        return grams
    }
}

private extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format }
}
