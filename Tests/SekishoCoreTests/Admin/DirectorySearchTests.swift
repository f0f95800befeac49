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
        let grams = DirectorySearch.indexGrams(of: DirectorySearch.text(name: "佐藤", email: "ab@c"))
        #expect(grams == ["佐", "藤", "佐藤", "a", "b", "@", "c", "ab", "b@", "@c", "ab@", "b@c"])
        #expect(DirectorySearch.indexGrams(of: "").isEmpty)
    }

    @Test("a short query is its own run; a longer one needs each of its three-character runs")
    func queryGrams() {
        #expect(DirectorySearch.queryGrams("藤") == ["藤"])
        #expect(DirectorySearch.queryGrams("abc") == ["abc"])
        #expect(DirectorySearch.queryGrams("abcab") == ["abc", "bca", "cab"])
        #expect(DirectorySearch.queryGrams("aaaa") == ["aaa"])
        #expect(DirectorySearch.queryGrams("").isEmpty)
    }

    @Test("any substring of a search text has all of its query runs in the text's index")
    func substringsAreFound() {
        let text = DirectorySearch.text(name: "渡辺 Ｍｉｋｉ 🇯🇵", email: "miki.watanabe+x@example.co.jp")
        let index = DirectorySearch.indexGrams(of: text)
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices {
            for end in (start + 1)...min(scalars.count, start + 8) where !scalars[start..<end].contains(DirectorySearch.separator) {
                let query = String(String.UnicodeScalarView(scalars[start..<end]))
                #expect(index.isSuperset(of: DirectorySearch.queryGrams(query)), "\(query)")
            }
        }
    }
}
