import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for header text that is not plain ASCII.
///
/// Each word holds whole characters, so no word ends inside a multi-byte UTF-8 sequence (a
/// decoder may decode each word on its own), and each is at most 75 characters long. Words go
/// on separate lines: a decoder joins adjacent encoded-words and drops the folding between them.
enum EncodedWords {
    /// The longest encoded-word RFC 2047 allows.
    static let maximumWordLength = 75
    /// The longest header line RFC 2047 allows when it holds encoded-words.
    static let maximumLineLength = 76

    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// The header field `name: value` with `value` as folded encoded-words, CRLF between lines and
    /// no trailing CRLF. The first word is shorter so that the first line also stays within 76.
    static func header(_ name: String, _ value: String) -> String {
        let firstBudget = maximumLineLength - name.utf8.count - 2
        let words = encode(value, firstWordLength: min(firstBudget, maximumWordLength))
        return "\(name): " + words.joined(separator: "\r\n ")
    }

    /// Encoded-words for `text`: the first at most `firstWordLength` characters, the rest at most 75.
    static func encode(_ text: String, firstWordLength: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = byteLimit(forWordLength: firstWordLength)
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
            chunk.removeAll(keepingCapacity: true)
            limit = byteLimit(forWordLength: maximumWordLength)
        }
        for piece in pieces(of: text, maximumBytes: byteLimit(forWordLength: min(firstWordLength, maximumWordLength))) {
            if chunk.count + piece.count > limit { flush() }
            chunk.append(contentsOf: piece)
        }
        flush()
        return words.isEmpty ? [prefix + suffix] : words
    }

    /// The most UTF-8 bytes whose base64 fits a word of `length` characters.
    private static func byteLimit(forWordLength length: Int) -> Int {
        let base64Characters = length - prefix.utf8.count - suffix.utf8.count
        return base64Characters / 4 * 3
    }

    /// The UTF-8 bytes of each character; a character longer than `maximumBytes` (a long
    /// combining sequence) is cut between its Unicode scalars, which never splits a UTF-8 sequence.
    private static func pieces(of text: String, maximumBytes: Int) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for character in text {
            let bytes = Array(character.utf8)
            if bytes.count <= maximumBytes {
                result.append(bytes)
            } else {
                result.append(contentsOf: character.unicodeScalars.map { Array(String($0).utf8) })
            }
        }
        return result
    }
}
