import Mustache
@testable import SekishoWeb
import Testing

@Suite("Template localizer")
struct TemplateLocalizerTests {
    @Test("a baked text renders byte for byte as the tag did, escaped, and data tags stay")
    func baked() throws {
        let texts = ["greeting": #"<b>"ようこそ" & 'hi'</b>"#, "name": "名前"]
        let source = "<p>{{t.greeting}}</p><label>{{t.name}}: {{name}}</label>"
        let baked = try TemplateLocalizer(texts: texts).localize(source, template: "sample")
        #expect(!baked.contains("t."))
        let model: [String: Any] = ["t": texts, "name": "<花子>"]
        #expect(try MustacheTemplate(string: baked).render(model) == MustacheTemplate(string: source).render(model))
        #expect(baked.hasPrefix("<p>&lt;b&gt;&quot;ようこそ&quot; &amp; &#39;hi&#39;&lt;/b&gt;</p>"))
        let data = "{{#rows}}{{{raw}}}{{content.t.x}}{{dist.y}}{{/rows}}{{^rows}}-{{/rows}} {{ unclosed"
        #expect(try TemplateLocalizer(texts: texts).localize(data, template: "sample") == data)
    }

    @Test("a missing text, a text section or an unescaped text stops the load", arguments: [
        "{{t.missing}}", "{{#t.name}}x{{/t.name}}", "{{{t.name}}}", "{{& t.name}}",
    ])
    func refused(source: String) throws {
        #expect(throws: UnknownText.self) { try TemplateLocalizer(texts: ["name": "名前"]).localize(source, template: "sample") }
    }

    @Test("every bundled template loads in both languages and the pages differ only by language")
    func bundle() throws {
        let strings = try Strings.load()
        let renderer = try PageRenderer.load(strings: strings)
        let model = ["lang": "ja", "title": "x"]
        let japanese = renderer.render("message", model, in: .ja)
        let english = renderer.render("message", model, in: .en)
        #expect(japanese.contains(strings.text("service_name", .ja)) && english.contains(strings.text("service_name", .en)))
        #expect(japanese != english)
    }
}
