import SekishoCore
import Testing

@Suite("Directory search: folding and the runs of characters the index holds")
struct DirectorySearchTests {
    @Test("case, width and control characters do not matter")
    func folding() {
        #expect(DirectorySearch.fold("ＳＡＴＯ Taro") == "sato taro")
        #expect(DirectorySearch.fold("ｻﾄｳ") == "サトウ")
        #expect(DirectorySearch.fold("a\u{1F}b\u{0}c\u{200B}") == "abc")
        #expect(DirectorySearch.text(name: "Sato", email: "Taro@Example.JP") == "sato\u{1F}taro@example.jp")
    }

    @Test("the index holds every run of one to three characters of the name and of the email, none across both")
    func indexGrams() {
        let mark = String(DirectorySearch.wordStartMark)
        let grams = DirectorySearch.indexGrams(of: DirectorySearch.text(name: "佐藤", email: "ab@c"))
        #expect(grams == [mark + "佐", "藤", mark + "佐藤", "a", "b", "@", "c", "ab", "b@", "@c", "ab@", "b@c"])
        #expect(DirectorySearch.indexGrams(of: "").isEmpty)
    }

    @Test("a run that begins a word of the name is marked; the same run elsewhere, and in the email, is not")
    func wordStartRuns() {
        let mark = String(DirectorySearch.wordStartMark)
        let grams = DirectorySearch.indexGrams(of: DirectorySearch.text(name: "ab  ba", email: "ab"))
        #expect(grams == [
            mark + "a", mark + "ab", mark + "ab ", "b", "b ", "b  ", " ", "  ", "  b", " b", " ba",
            mark + "b", mark + "ba", "a", "ab",
        ])
        #expect(DirectorySearch.indexGrams(of: DirectorySearch.text(name: "", email: "ab")) == ["a", "b", "ab"])
    }

    @Test("the words index holds each word of the name once, and nothing of the email")
    func nameWords() {
        #expect(DirectorySearch.nameWords(of: DirectorySearch.text(name: "佐藤  美咲 佐藤 ", email: "sato@example.jp")) == ["佐藤", "美咲"])
        #expect(DirectorySearch.nameWords(of: DirectorySearch.text(name: "", email: "a b")).isEmpty)
        #expect(DirectorySearch.nameWords(of: "").isEmpty)
        #expect(DirectorySearch.isOneWord("美咲") && !DirectorySearch.isOneWord("佐藤 美咲") && !DirectorySearch.isOneWord(""))
    }

    @Test("the range of words that begin with a term ends at the least string above all of them")
    func prefixUpperBound() {
        #expect(DirectorySearch.prefixUpperBound("sato") == "satp")
        #expect(DirectorySearch.prefixUpperBound("佐藤") == "佐藤".dropLast() + "\u{85E5}")
        #expect(DirectorySearch.prefixUpperBound("a\u{D7FF}") == "a\u{E000}")
        #expect(DirectorySearch.prefixUpperBound("a\u{10FFFF}") == "b")
        #expect(DirectorySearch.prefixUpperBound("\u{10FFFF}") == nil)
        #expect(DirectorySearch.prefixUpperBound("") == nil)
    }

    @Test("a short query is its own run; a longer one needs each of its three-character runs")
    func queryGrams() {
        #expect(DirectorySearch.queryGrams("藤") == ["藤"])
        #expect(DirectorySearch.queryGrams("abc") == ["abc"])
        #expect(DirectorySearch.queryGrams("abcab") == ["abc", "bca", "cab"])
        #expect(DirectorySearch.queryGrams("aaaa") == ["aaa"])
        #expect(DirectorySearch.queryGrams("").isEmpty)
    }

    @Test("any substring of a search text has one form of each of its query runs in the text's index")
    func substringsAreFound() {
        let index = DirectorySearch.indexGrams(of: Self.sample)
        for query in Self.substrings(of: Self.sample) {
            #expect(DirectorySearch.queryGrams(query).allSatisfy { !index.isDisjoint(with: DirectorySearch.indexForms(of: $0)) }, "\(query)")
        }
    }

    /// What lets the words index answer a one-word term: wherever it occurs, it begins a word of the
    /// name, or its first run is in the index unmarked.
    @Test("a one-word substring begins a word of the name, or its first run is in the index unmarked")
    func oneWordSubstringsAreWordPrefixesOrUnmarked() {
        let index = DirectorySearch.indexGrams(of: Self.sample)
        let words = DirectorySearch.nameWords(of: Self.sample)
        for query in Self.substrings(of: Self.sample) where DirectorySearch.isOneWord(query) {
            let beginsWord = words.contains { $0.unicodeScalars.starts(with: query.unicodeScalars) }
            #expect(beginsWord || index.contains(DirectorySearch.queryGrams(query)[0]), "\(query)")
        }
        #expect(words.contains("miki") && index.contains(String(DirectorySearch.wordStartMark) + "mik") && index.contains("mik"))
    }

    static let sample = DirectorySearch.text(name: "渡辺 Ｍｉｋｉ 🇯🇵 ki", email: "miki.watanabe+x@example.co.jp")

    static func substrings(of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        for start in scalars.indices {
            for end in (start + 1)...min(scalars.count, start + 8) where !scalars[start..<end].contains(DirectorySearch.separator) {
                found.append(String(String.UnicodeScalarView(scalars[start..<end])))
            }
        }
        return found
    }
}
