/// Bakes one language's texts into a template's source at startup: `{{t.key}}` becomes the key's
/// text, escaped as ``HTMLEscaping`` escapes values at render time. The texts were a third of a
/// page's tags and most of the characters escaped one `Character` at a time on every render; a page
/// now resolves only its own data.
struct TemplateLocalizer {
    let texts: [String: String]

    func localize(_ source: String, template: String) throws -> String {
        var localized = ""
        var rest = source[...]
        while let tag = rest.firstMatch(of: /(\{?)\{\{t\.([a-z0-9_.]+)\}\}/) {
            let key = String(tag.2)
            guard tag.1.isEmpty, let text = texts[key] else { throw UnknownText(template: template, key: String(tag.0)) }
            localized += rest[..<tag.range.lowerBound]
            localized += HTMLEscaping().escapeText(text)
            rest = rest[tag.range.upperBound...]
        }
        localized += rest
        if let other = localized.firstMatch(of: /\{\{[^}]*\bt\.[^}]*\}\}/) {
            throw UnknownText(template: template, key: String(other.0))
        }
        return localized
    }
}

/// A template names a text that the tables do not have, or uses a text other than as `{{t.key}}`
/// (a section or an unescaped tag, which baking cannot keep): the build is broken, found at startup.
struct UnknownText: Error, CustomStringConvertible {
    let template: String
    let key: String
    var description: String { "template \(template) uses \(key), which is not a text of strings/*.json" }
}
