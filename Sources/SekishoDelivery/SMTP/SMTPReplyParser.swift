/// Cuts the bytes of the server into replies. Pure and incremental: feed it bytes as they come,
/// take out every complete reply; continuation lines (`250-…`) are collected until the last line
/// (`250 …`) of the same code.
struct SMTPReplyParser {
    /// Longest accepted line; RFC 5321 allows 512 bytes, servers send more in practice.
    static let maximumLineLength = 4096
    /// Most lines in one reply (an EHLO reply has one per extension).
    static let maximumLines = 256

    struct ProtocolViolation: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    private var buffer: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// True when no byte is waiting to become part of a reply.
    var isEmpty: Bool { buffer.isEmpty && pendingCode == nil }

    mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, or `nil` until more bytes arrive; throws on a malformed reply.
    mutating func next() throws(ProtocolViolation) -> SMTPReply? {
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let parsed = try Self.parse(Array(line))
            buffer.removeSubrange(...newline)
            if let code = pendingCode, code != parsed.code {
                throw ProtocolViolation(description: "reply code changed from \(code) to \(parsed.code) within one reply")
            }
            pendingCode = parsed.code
            pendingLines.append(parsed.text)
            guard pendingLines.count <= Self.maximumLines else {
                throw ProtocolViolation(description: "reply longer than \(Self.maximumLines) lines")
            }
            if parsed.isLast {
                let reply = SMTPReply(code: parsed.code, lines: pendingLines)
                pendingCode = nil
                pendingLines = []
                return reply
            }
        }
        guard buffer.count <= Self.maximumLineLength else {
            throw ProtocolViolation(description: "reply line longer than \(Self.maximumLineLength) bytes")
        }
        return nil
    }

    private static func parse(_ line: [UInt8]) throws(ProtocolViolation) -> (code: Int, isLast: Bool, text: String) {
        guard line.count <= maximumLineLength else {
            throw ProtocolViolation(description: "reply line longer than \(maximumLineLength) bytes")
        }
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let first = digits.first, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(first)
        else {
            throw ProtocolViolation(description: "malformed reply line")
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard line.count > 3 else { return (code, true, "") }
        let separator = line[line.startIndex + 3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw ProtocolViolation(description: "malformed reply line")
        }
        let text = String(decoding: line.dropFirst(4), as: UTF8.self)
        return (code, separator == UInt8(ascii: " "), text)
    }
}
