/// One reply of an SMTP server (RFC 5321 §4.2): a three-digit code and one or more lines of text.
struct SMTPReply: Sendable, Equatable {
    let code: Int
    /// The text after the code on each line, without the separator and the CRLF.
    let lines: [String]

    /// 4xx: the server may accept the same command later.
    var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: the server will refuse the same command again.
    var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The reply for an error message: code and lines on one line, control characters removed,
    /// shortened, so a hostile server cannot flood or forge log lines.
    var summary: String {
        let text = "\(code) " + lines.joined(separator: " / ")
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.count > 300 ? String(clean.prefix(300)) + "…" : clean
    }
}
