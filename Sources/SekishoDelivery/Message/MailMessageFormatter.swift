public import Foundation
public import SekishoCore

/// Renders a queued mail as an RFC 5322 message: UTF-8 text/plain in base64, headers in ASCII
/// (RFC 2047 encoded-words where needed), CRLF line endings throughout.
///
/// Header injection is impossible by construction: addresses and the Message-ID are refused when
/// they hold a control character, and line breaks in the subject become spaces before the subject
/// is encoded. The same mail rendered at the same date gives the same bytes.
public struct MailMessageFormatter: Sendable {
    /// The `From` of every message.
    public let sender: MailSender

    /// A formatter whose messages come from `sender`.
    public init(sender: MailSender) {
        self.sender = sender
    }

    /// The message for `queued` with a `Date` header of `date`; throws ``MailFormatError``.
    public func format(_ queued: QueuedMessage, date: Date) throws -> [UInt8] {
        let recipient = try HeaderText.address(queued.recipient, field: "To")
        let headers = [
            "Date: " + MailDate.rfc5322(date),
            fromHeader(),
            "To: " + recipient.value,
            subjectHeader(queued.subject),
            "Message-ID: " + (try Self.messageID(queued.messageID)),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            // RFC 3834: an automatic message, so auto-responders do not answer it.
            "Auto-Submitted: auto-generated",
        ]
        let text = headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.base64Body(queued.body) + "\r\n"
        return Array(text.utf8)
    }

    private func fromHeader() -> String {
        let address = "<\(sender.address.value)>"
        if sender.displayName.isEmpty {
            return "From: " + address
        }
        if Self.isPrintableASCII(sender.displayName) {
            let quoted = sender.displayName
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return "From: \"\(quoted)\" \(address)"
        }
        let name = EncodedWords.header("From", sender.displayName)
        let lastLine = name.split(separator: "\r\n").last ?? ""
        let fits = lastLine.utf8.count + 1 + address.utf8.count <= EncodedWords.maximumLineLength
        return name + (fits ? " " : "\r\n ") + address
    }

    private func subjectHeader(_ subject: String) -> String {
        let text = Self.singleLine(subject)
        let fitsOneLine = "Subject: ".utf8.count + text.utf8.count <= 78
        if Self.isPrintableASCII(text), fitsOneLine, !text.contains("=?") {
            return "Subject: " + text
        }
        return EncodedWords.header("Subject", text)
    }

    /// The subject on one line: each line break becomes a space and other control characters go.
    static func singleLine(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline || character == "\t" {
                result.append(" ")
            } else if !HeaderText.containsControlCharacter(String(character)) {
                result.append(character)
            }
        }
        return result
    }

    /// `<id>` in printable ASCII without spaces; adds the angle brackets when they are missing.
    static func messageID(_ raw: String) throws -> String {
        let bare = raw.hasPrefix("<") && raw.hasSuffix(">") ? String(raw.dropFirst().dropLast()) : raw
        let allowed = bare.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
        guard !bare.isEmpty, allowed, bare.contains("@") else { throw MailFormatError.invalidMessageID }
        return "<\(bare)>"
    }

    /// The body with every line ending as CRLF (the canonical form of text), in base64 lines of 76.
    static func base64Body(_ body: String) -> String {
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        let canonical = lines.joined(separator: "\r\n")
        let encoded = Data(canonical.utf8).base64EncodedString()
        var encodedLines: [Substring] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            encodedLines.append(encoded[start..<end])
            start = end
        }
        return encodedLines.joined(separator: "\r\n")
    }

    private static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
