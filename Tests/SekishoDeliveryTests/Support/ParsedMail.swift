import Foundation

/// A reader of RFC 5322 messages written for the tests, independent of the formatter: unfolds
/// headers, decodes RFC 2047 `B` encoded-words and a base64 body.
struct ParsedMail {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The header section as physical lines, folding kept.
    let headerLines: [String]
    /// Each header unfolded, in order; values still encoded.
    let headers: [(name: String, value: String)]
    /// The decoded body text, CRLF as sent.
    let body: String

    init(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Malformed(description: "no end of headers") }
        headerLines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        var headers: [(name: String, value: String)] = []
        for line in headerLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = headers.popLast() {
                headers.append((last.name, last.value + line))
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                headers.append((String(line[..<colon]), String(value)))
            } else {
                throw Malformed(description: "not a header line: \(line)")
            }
        }
        self.headers = headers
        let encodedBody = text[split.upperBound...].components(separatedBy: "\r\n").joined()
        guard let data = Data(base64Encoded: encodedBody), let body = String(data: data, encoding: .utf8) else {
            throw Malformed(description: "body is not base64 of UTF-8")
        }
        self.body = body
    }

    /// The unfolded value of the first header called `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header value with its encoded-words decoded; adjacent words join without the space
    /// between them (RFC 2047 §6.2).
    func decodedHeader(_ name: String) throws -> String? {
        try header(name).map(Self.decodeEncodedWords)
    }

    static var encodedWordPattern: Regex<(Substring, Substring, Substring)> { /=\?([^?]+)\?[Bb]\?([^?]*)\?=/ }

    /// Every encoded-word in `value`, as written.
    static func encodedWords(in value: String) -> [String] {
        value.matches(of: encodedWordPattern).map { String(value[$0.range]) }
    }

    /// The UTF-8 bytes one encoded-word carries.
    static func payload(ofEncodedWord word: String) throws -> [UInt8] {
        guard let match = word.wholeMatch(of: encodedWordPattern),
              match.output.1.uppercased() == "UTF-8",
              let data = Data(base64Encoded: String(match.output.2))
        else { throw Malformed(description: "bad encoded-word \(word)") }
        return Array(data)
    }

    static func decodeEncodedWords(_ value: String) throws -> String {
        var result = ""
        var pendingBytes: [UInt8] = []
        var rest = value[...]
        while let match = rest.firstMatch(of: encodedWordPattern) {
            let between = rest[..<match.range.lowerBound]
            if !between.allSatisfy(\.isWhitespace) || pendingBytes.isEmpty {
                result += String(decoding: pendingBytes, as: UTF8.self) + between
                pendingBytes = []
            }
            pendingBytes += try payload(ofEncodedWord: String(rest[match.range]))
            rest = rest[match.range.upperBound...]
        }
        return result + String(decoding: pendingBytes, as: UTF8.self) + rest
    }
}
