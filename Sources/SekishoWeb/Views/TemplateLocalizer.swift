/// Bakes one language's texts into a template's source at startup: `{{t.key}}` becomes the key's
/// text, escaped as ``HTMLEscaping`` escapes values at render time. The texts were a third of a
/// page's tags and most of the characters escaped one `Character` at a time on every render; a page
/// now resolves only its own data.
struct TemplateLocalizer {
    let texts: [String: String]

    /// A plain scan from tag to tag (a `Regex` here tripled the server's startup time).
    func localize(_ source: String, template: String) throws -> String {
        var localized = ""
        localized.reserveCapacity(source.utf8.count)
        var rest = source[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            let tag = rest[open.upperBound..<close.lowerBound]
            localized += rest[..<open.lowerBound]
            if tag.hasPrefix("t.") {
                guard let text = texts[String(tag.dropFirst(2))] else { throw UnknownText(template: template, tag: String(tag)) }
                localized += HTMLEscaping().escapeText(text)
            } else if Self.mentionsTexts(tag) {
                throw UnknownText(template: template, tag: String(tag))
            } else {
                localized += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        localized += rest
        return localized
    }

    /// Whether a tag other than `{{t.key}}` reads a text (a section, an unescaped tag): `t.` that is
    /// not the end of a longer name such as `content.t.`.
    private static func mentionsTexts(_ tag: Substring) -> Bool {
        var searched = tag[...]
        while let found = searched.firstRange(of: "t.") {
            let before = found.lowerBound == tag.startIndex ? nil : tag[tag.index(before: found.lowerBound)]
            if before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ?? true { return true }
            searched = searched[found.upperBound...]
        }
        return false
    }
}

/// A template names a text that the tables do not have, or uses a text other than as `{{t.key}}`
/// (a section or an unescaped tag, which baking cannot keep): the build is broken, found at startup.
struct UnknownText: Error, CustomStringConvertible {
    let template: String
    let tag: String
    var description: String { "template \(template) has {{\(tag)}}, which is not a text of strings/*.json" }
}
