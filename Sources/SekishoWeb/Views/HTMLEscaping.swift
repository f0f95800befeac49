import Mustache

/// The escaping of every `{{value}}` in the pages: the same five characters as swift-mustache's own
/// HTML type, but over UTF-8 bytes, and a value with nothing to escape (nearly all of them) is
/// returned as it is. swift-mustache's type looks each `Character` up in a dictionary and rebuilds
/// every string, which was a fifth of a page's render; and working on `Character`s it let a `"` or
/// `<` through when a combining mark joined it into one `Character`. ``PageRenderer`` puts the
/// pragma that selects this type at the top of every template.
struct HTMLEscaping: MustacheContentType {
    static let name = "SEKISHO_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Makes the type known to swift-mustache's parser; templates are parsed after this.
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: Self.needsEscape) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "\""): escaped += "&quot;".utf8
            case UInt8(ascii: "'"): escaped += "&#39;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
