import PropertyBased

/// Generators of what an attacker types, pastes or sends: pieces that parsers trip on (separators,
/// escapes, controls, full-width and combining characters, emoji, lone surrogates' neighbours), put
/// together at random lengths, and raw bytes that need not be UTF-8 at all.
enum HostileInput {
    static let pieces = [
        "", " ", "\t", "\n", "\r\n", "\0", "\u{7F}", "\u{85}", "\u{200B}", "\u{FEFF}", "\u{FFFF}", "\u{3000}",
        "a", "Z", "0", "9", "-", "_", ".", "@", "+", "/", "\\", "//", ":", ";", ",", "、", "=", "&", "?", "#",
        "%", "%2", "%20", "%25", "%zz", "%C3%A9", "%E7%BE%8E", "%FF", "%00", "+81", "090", "０９０", "ー",
        "<", ">", "\"", "'", "`", "{{", "}}", "$", "'; DROP TABLE people; --",
        "山田", "花子", "ｶﾀｶﾅ", "\u{3099}", "\u{0338}", "👩‍💻", "🇯🇵", "e\u{301}", "\u{202E}",
        "CAF", "COP", "1234567890", "ABCD-EFGH", "example.jp", "xn--", "[::1]", "127.0.0.1", "::ffff:",
        String(repeating: "a", count: 300), String(repeating: "%", count: 50),
    ]

    /// Up to 24 pieces in a row.
    static let text = Gen<Int>.int(in: 0...(pieces.count - 1)).array(of: 0...24).map { indexes in
        indexes.map { pieces[$0] }.joined()
    }

    /// Raw bytes, most of them not valid UTF-8.
    static let bytes = Gen<UInt8>.uint8().array(of: 0...400)

    /// Inputs each property sees; `docs/security.md` records the total.
    static let runs = 10_000
}
