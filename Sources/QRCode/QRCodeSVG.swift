extension QRCode {
    /// The symbol as one self-contained `<svg>` element, ready to inline into HTML.
    ///
    /// The markup is a white background `<rect>` and a single black `<path>` whose subpaths are
    /// the horizontal runs of dark modules (`M x y h n v1 h-n z`), in module units, offset by the
    /// quiet zone. It has no script, style sheet, link or other external reference, so it is safe
    /// under a strict Content-Security-Policy. `shape-rendering="crispEdges"` keeps module edges
    /// sharp when scaled.
    ///
    /// - Parameters:
    ///   - moduleSize: the `width`/`height` in CSS pixels of one module (at least 1); the
    ///     `viewBox` is in modules, so the image scales cleanly whatever size CSS gives it.
    ///   - quietZone: the light margin in modules on each side (at least 0). The standard asks
    ///     for 4; a page may pass less when its own background is white.
    ///   - title: the accessible name, given as both `aria-label` and a `<title>` child,
    ///     XML-escaped. When `nil`, the image is marked `aria-hidden="true"`: the page should
    ///     then offer the encoded text (for example, the secret) in words.
    /// - Returns: the markup, starting with `<svg` and ending with `</svg>`.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let unit = max(moduleSize, 1)
        let margin = max(quietZone, 0)
        let extent = size + 2 * margin
        var markup = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(extent) \(extent)\""
        markup += " width=\"\(extent * unit)\" height=\"\(extent * unit)\" shape-rendering=\"crispEdges\""
        if let title {
            let escaped = Self.xmlEscaped(title)
            markup += " role=\"img\" aria-label=\"\(escaped)\"><title>\(escaped)</title>"
        } else {
            markup += " aria-hidden=\"true\">"
        }
        markup += "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"
        markup += "<path fill=\"#000\" d=\"\(pathData(offset: margin))\"/></svg>"
        return markup
    }

    /// One `M x y h n v1 h-n z` rectangle per horizontal run of dark modules. Merging runs makes
    /// the path several times shorter than one square per module.
    func pathData(offset: Int) -> String {
        var data = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size && isDark(row: row, column: column) {
                    column += 1
                }
                let length = column - start
                data += "M\(start + offset) \(row + offset)h\(length)v1h-\(length)z"
            }
        }
        return data
    }

    /// `text` with the five XML special characters replaced by entities, safe both as element
    /// content and inside a double- or single-quoted attribute. Control characters that XML 1.0
    /// forbids even as references (all C0 controls but tab, line feed and carriage return, and
    /// U+FFFE/U+FFFF) are dropped.
    static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(character)
            default:
                let forbidden = character.value < 0x20 || character.value == 0xFFFE || character.value == 0xFFFF
                if !forbidden { escaped.unicodeScalars.append(character) }
            }
        }
        return escaped
    }
}
