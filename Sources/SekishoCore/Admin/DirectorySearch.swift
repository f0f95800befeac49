import Foundation

/// What the admin console's search matches (SPEC K1): a part of the name or of the email, ignoring
/// case and the width of characters (「ｓａｔｏ」 finds "Sato", 「ｻﾄｳ」 finds 「サトウ」).
///
/// Each person is found by a folded *search text* (name, separator, email). An index holds, for
/// every person, each distinct run of one to three characters of that text: a query of up to three
/// characters is one such run, a longer one contains all of its three-character runs. The index
/// narrows the people down and a substring test on the search text decides. Characters are Unicode
/// scalars, as PostgreSQL counts them, so the database can compute the same runs.
///
/// A second index holds the *words* of each name (split at spaces), and each pair of neighbouring
/// words, in name order, so that a term thousands share (a surname, a given name, a full name) is
/// read as a few ordered ranges instead of sorting all who match. It answers only where the term
/// begins a word of the name; to know where else a term occurs, a run that begins a name's word is
/// written in the first index with ``wordStartMark`` in front, and without it wherever else it
/// occurs (the email, the middle of a word). A term that occurs anywhere but at the start of a
/// name's word therefore has its first run unmarked.
public enum DirectorySearch {
    /// Between the name and the email in the search text; folding removes it from queries, so no
    /// match spans both.
    public static let separator: Unicode.Scalar = "\u{1F}"
    public static let gramLength = 3
    /// In front of a run that begins a word of the name. A control character: folding removes
    /// those, so no search text or query holds one.
    public static let wordStartMark: Unicode.Scalar = "\u{2}"
    /// In front of a key of the words index that is two neighbouring words of a name with the spaces
    /// between them. A control character too: no word begins with one, so pairs and words are
    /// ranges apart.
    public static let pairMark: Unicode.Scalar = "\u{3}"
    static let wordSeparator: Unicode.Scalar = " "

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
    /// holds for one person. Runs that begin a word of the name carry ``wordStartMark``.
    public static func indexGrams(of searchText: String) -> Set<String> {
        var grams = Set<String>()
        for (partIndex, part) in searchText.unicodeScalars.split(separator: separator, omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(part)
            for length in 1...gramLength where scalars.count >= length {
                for start in 0...(scalars.count - length) {
                    let gram = String(String.UnicodeScalarView(scalars[start..<(start + length)]))
                    let beginsWord = partIndex == 0 && scalars[start] != wordSeparator
                        && (start == 0 || scalars[start - 1] == wordSeparator)
                    grams.insert(beginsWord ? String(wordStartMark) + gram : gram)
                }
            }
        }
        return grams
    }

    /// The forms a run of a query may take in the index: anywhere, or at the start of a name's word.
    public static func indexForms(of gram: String) -> [String] {
        [gram, String(wordStartMark) + gram]
    }

    /// What the words index holds for one person: each distinct word of the name in a search text,
    /// and each pair of neighbouring words with the spaces between them as written, marked with
    /// ``pairMark``. Nothing of the email.
    public static func wordKeys(of searchText: String) -> Set<String> {
        let name = Array(searchText.unicodeScalars.prefix { $0 != separator })
        let words = name.split(separator: wordSeparator)
        var keys = Set(words.map { String(String.UnicodeScalarView($0)) })
        for (first, second) in zip(words, words.dropFirst()) {
            keys.insert(String(pairMark) + String(String.UnicodeScalarView(name[first.startIndex..<second.endIndex])))
        }
        return keys
    }

    /// The prefix of the words index's keys that `query` begins wherever it occurs at the start of a
    /// name's word: the query itself when it holds no space (it lies within the word it begins);
    /// for two words with spaces between them, the marked query (the first is a whole word, the
    /// spaces are exactly the name's, the second begins the next word). `nil` for anything else:
    /// more words, or a space at either end, which the runs index answers alone.
    public static func wordKeyPrefix(of query: String) -> String? {
        let scalars = Array(query.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, first != wordSeparator, last != wordSeparator else { return nil }
        switch scalars.split(separator: wordSeparator).count {
        case 1: return query
        case 2: return String(pairMark) + query
        default: return nil
        }
    }

    /// The least string above every string that begins with `prefix`, in code point order (nil when
    /// nothing is): the end of the range of words that begin with it.
    public static func prefixUpperBound(_ prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }
            if let successor = Unicode.Scalar(next) {
                scalars.append(successor)
                return String(String.UnicodeScalarView(scalars))
            }
        }
        return nil
    }

    /// The runs a person's index entry must all hold, each in one of its ``indexForms(of:)``, to
    /// contain the folded `query`: the query itself when it is short, otherwise each of its
    /// three-character runs. Empty for an empty query.
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
