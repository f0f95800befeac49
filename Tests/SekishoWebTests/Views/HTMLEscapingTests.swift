import Foundation
import Mustache
@testable import SekishoWeb
import Testing

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("over random texts of markup, Japanese, emoji and combining marks: no markup character is left and nothing else changes")
    func randomTexts() throws {
        let pieces = ["<", ">", "&", "\"", "'", "a", " ", "山田", "花子", "👩‍💻", "&amp;", "\n", "=", "/", "\u{3099}", "\u{0338}"]
        let reference = try MustacheTemplate(string: "{{text}}")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let escaped = HTMLEscaping().escapeText(text)
            #expect(!escaped.utf8.contains { "<>\"'".utf8.contains($0) }, "\(text)")
            let restored = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")].reduce(escaped) {
                $0.replacingOccurrences(of: $1.0, with: $1.1, options: .literal)
            }
            #expect(restored.unicodeScalars.elementsEqual(text.unicodeScalars))
            let combines = text.unicodeScalars.contains { $0.properties.canonicalCombiningClass != .notReordered }
            if !combines { #expect(escaped == reference.render(["text": text])) }
        }
    }

    /// swift-mustache escapes by `Character`, and a combining mark makes `"` + mark one Character that
    /// is not `"`: the quote came out raw and closed the attribute it stood in (a name could add an
    /// `onmouseover`). Found by the random texts above.
    @Test("a markup character that a combining mark joins into one Character is still escaped", arguments: [
        ("\"\u{3099} onmouseover=alert(1) x=\"", "&quot;\u{3099} onmouseover=alert(1) x=&quot;"),
        ("<\u{0338}script>", "&lt;\u{0338}script&gt;"),
    ])
    func combiningMark(text: String, escaped: String) throws {
        #expect(HTMLEscaping().escapeText(text) == escaped)
        #expect(try MustacheTemplate(string: "{{text}}").render(["text": text]) != escaped, "swift-mustache's own escaping still misses it")
    }

    @Test("the pages use it: a value is escaped in a rendered page")
    func inPages() throws {
        let renderer = try PageRenderer.load(strings: try Strings.load())
        let html = renderer.render("message", ["lang": "ja", "title": #"<i>"x"</i>"#], in: .ja)
        #expect(html.contains("&lt;i&gt;&quot;x&quot;&lt;/i&gt;") && !html.contains("<i>"))
    }
}
