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

    @Test("the words index holds each word of the name once and each pair of neighbouring words with its spaces, nothing of the email")
    func wordKeys() {
        let pair = String(DirectorySearch.pairMark)
        #expect(DirectorySearch.wordKeys(of: DirectorySearch.text(name: "佐藤  美咲 佐藤 ", email: "sato@example.jp"))
            == ["佐藤", "美咲", pair + "佐藤  美咲", pair + "美咲 佐藤"])
        #expect(DirectorySearch.wordKeys(of: DirectorySearch.text(name: " 佐藤", email: "a b")) == ["佐藤"])
        #expect(DirectorySearch.wordKeys(of: DirectorySearch.text(name: "", email: "a b")).isEmpty)
        #expect(DirectorySearch.wordKeys(of: "").isEmpty)
    }

    @Test("a term of one word begins words, one of two words begins pairs; other terms have no key prefix")
    func wordKeyPrefix() {
        let pair = String(DirectorySearch.pairMark)
        #expect(DirectorySearch.wordKeyPrefix(of: "美咲") == "美咲")
        #expect(DirectorySearch.wordKeyPrefix(of: "佐藤 美") == pair + "佐藤 美")
        #expect(DirectorySearch.wordKeyPrefix(of: "佐藤  美咲") == pair + "佐藤  美咲")
        for term in ["", " ", "佐藤 ", " 美咲", "佐藤 美咲 1"] {
            #expect(DirectorySearch.wordKeyPrefix(of: term) == nil, "\(term)")
        }
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

    /// What lets the words index answer a term: wherever it occurs, it begins a key of the words
    /// index (a word, or a pair of words), or its first run is in the index unmarked.
    @Test("a substring of one or two words begins a key of the words index, or its first run is in the index unmarked")
    func wordSubstringsBeginKeysOrAreUnmarked() {
        let index = DirectorySearch.indexGrams(of: Self.sample)
        let keys = DirectorySearch.wordKeys(of: Self.sample)
        var pairs = 0
        for query in Self.substrings(of: Self.sample) {
            guard let prefix = DirectorySearch.wordKeyPrefix(of: query) else { continue }
            let beginsKey = keys.contains { $0.unicodeScalars.starts(with: prefix.unicodeScalars) }
            #expect(beginsKey || index.contains(DirectorySearch.queryGrams(query)[0]), "\(query)")
            if beginsKey, prefix.unicodeScalars.first == DirectorySearch.pairMark { pairs += 1 }
        }
        #expect(pairs > 0, "the sample has full names to find")
        #expect(keys.contains("miki") && index.contains(String(DirectorySearch.wordStartMark) + "mik") && index.contains("mik"))
    }

    /// Where a term begins a key, it occurs at that word's start: the words index gives no one the
    /// term does not match (for a pair, the spaces must be the name's).
    @Test("a term that begins a key of a name occurs in that name")
    func keysImplyOccurrence() {
        var checked = 0
        for name in ["佐藤  美咲 佐藤 ", "渡辺 ｍｉｋｉ", "a b c"] {
            let text = DirectorySearch.text(name: name, email: "x@example.jp")
            for term in ["佐藤 美", "佐藤  美", "美咲 佐", "渡辺 m", "a b", "b c", "a  b", "佐藤", "c"] {
                guard let prefix = DirectorySearch.wordKeyPrefix(of: term),
                      DirectorySearch.wordKeys(of: text).contains(where: { $0.unicodeScalars.starts(with: prefix.unicodeScalars) })
                else { continue }
                #expect(text.contains(term), "\(term) in \(name)")
                checked += 1
            }
        }
        #expect(checked == 7, "佐藤  美, 美咲 佐, 佐藤; 渡辺 m; a b, b c, c")
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
