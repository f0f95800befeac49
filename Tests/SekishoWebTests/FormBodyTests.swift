import Foundation
@testable import SekishoWeb
import Testing

@Suite("Strict form bodies")
struct FormBodyTests {
    private func parse(_ text: String) throws(FormBodyError) -> FormBody {
        try FormBody(parsing: Array(text.utf8))
    }

    @Test("values are percent-decoded, + is a space, UTF-8 is kept")
    func decoding() throws {
        let form = try parse("name=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E&empty=&flag&a%26b=c%3Dd")
        #expect(form["name"] == "山田 太郎")
        #expect(form["empty"] == "" && form["flag"] == "")
        #expect(form["a&b"] == "c=d")
        #expect(try parse("").fields.isEmpty)
    }

    @Test("bad bodies throw their reason", arguments: [
        ("a=1&a=2", FormBodyError.duplicateField), ("a=%ff", .invalidUTF8), ("a=%f", .malformed), ("a=%gg", .malformed),
        ("a=1&&b=2", .malformed), ("=1", .malformed), ("a=%C3%28", .invalidUTF8),
    ])
    func rejects(body: String, error: FormBodyError) {
        #expect(throws: error) { try parse(body) }
    }

    @Test("checkbox groups named x[] may repeat")
    func groups() throws {
        #expect(try parse("x[]=1&x[]=2")["x[]"] == "1\n2")
    }
}

@Suite("Redirect targets")
struct LocalRedirectTests {
    @Test("only paths on this site are accepted", arguments: [
        ("/home", "/home"), ("/a?b=c", "/a?b=c"), ("//evil.example", nil), ("/\\evil.example", nil), ("https://evil.example", nil),
        ("home", nil), ("/a\\b", nil), ("/a b", nil), ("/a\nb", nil), (nil, nil), (String(repeating: "/a", count: 2000), nil),
    ] as [(String?, String?)])
    func validation(candidate: String?, expected: String?) {
        #expect(LocalRedirect.validated(candidate) == expected)
    }

    @Test("a path as a query value is encoded as Foundation's query characters less &=+?# would encode it, and decodes back")
    func queryValue() {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
        let pieces = ["/", "a", "Z", "9", "?", "&", "=", "+", "#", "%", " ", "'", "~", "管理", "é", "\u{7F}", "\u{1F600}", ";", "@", "[", "\""]
        for _ in 0..<500 {
            let path = (0..<Int.random(in: 0...12)).map { _ in pieces.randomElement()! }.joined()
            let encoded = LocalRedirect.queryValue(path)
            #expect(encoded == path.addingPercentEncoding(withAllowedCharacters: allowed), "\(path)")
            #expect(encoded.removingPercentEncoding == path)
        }
    }
}
