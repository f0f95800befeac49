import Foundation
import SekishoCore
import Testing

@testable import SekishoDelivery

@Suite("MailMessageFormatter")
struct MailMessageFormatterTests {
    let date = Date(timeIntervalSince1970: 1_743_500_000)  // Tue, 01 Apr 2025 09:33:20 UTC

    func render(_ mail: QueuedMessage) throws -> [UInt8] {
        try MailMessageFormatter(sender: Sample.sender()).format(mail, date: date)
    }

    @Test("the Japanese subject is RFC 2047 words of at most 75 characters that decode back")
    func japaneseSubject() throws {
        let parsed = try ParsedMail(render(Sample.queued()))
        #expect(try parsed.decodedHeader("Subject") == Sample.subject)
        let words = ParsedMail.encodedWords(in: try #require(parsed.header("Subject")))
        #expect(words.count >= 2)
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?"))
            // Each word alone is whole UTF-8: no multi-byte sequence is cut between two words.
            #expect(String(validating: try ParsedMail.payload(ofEncodedWord: word), as: UTF8.self) != nil)
        }
    }

    @Test("a long subject of mixed scripts and emoji folds into lines of at most 76")
    func longSubjectFolds() throws {
        let subject = String(repeating: "お申込み👨‍👩‍👧‍👦 ABC ", count: 12)
        let parsed = try ParsedMail(render(Sample.queued(subject: subject)))
        #expect(try parsed.decodedHeader("Subject") == subject)
        let subjectLines = parsed.headerLines.drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("Message-ID:") }
        #expect(subjectLines.count > 2)
        #expect(subjectLines.allSatisfy { $0.count <= 76 })
        for word in ParsedMail.encodedWords(in: try #require(parsed.header("Subject"))) {
            #expect(word.count <= 75)
            #expect(String(validating: try ParsedMail.payload(ofEncodedWord: word), as: UTF8.self) != nil)
        }
    }

    @Test("headers carry date, sender, recipient, Message-ID and MIME fields")
    func headers() throws {
        let parsed = try ParsedMail(render(Sample.queued()))
        #expect(parsed.header("Date") == "Tue, 01 Apr 2025 09:33:20 +0000")
        #expect(try parsed.decodedHeader("From") == "コーデックストレージ <no-reply@example.jp>")
        #expect(parsed.header("To") == "taro@example.com")
        #expect(parsed.header("Message-ID") == "<42.test@example.jp>")
        #expect(parsed.header("MIME-Version") == "1.0")
        #expect(parsed.header("Content-Type") == "text/plain; charset=UTF-8")
        #expect(parsed.header("Content-Transfer-Encoding") == "base64")
    }

    @Test("an ASCII subject and sender name stay readable")
    func asciiSubject() throws {
        let sender = try MailSender(displayName: "Codex \"Storage\"", address: "no-reply@example.jp")
        let bytes = try MailMessageFormatter(sender: sender).format(Sample.queued(subject: "Your application"), date: date)
        let parsed = try ParsedMail(bytes)
        #expect(parsed.header("Subject") == "Your application")
        #expect(parsed.header("From") == "\"Codex \\\"Storage\\\"\" <no-reply@example.jp>")
    }

    @Test("every line ends with CRLF: no bare CR or LF anywhere")
    func crlfEverywhere() throws {
        let bytes = try render(Sample.queued(body: "一行目\n二行目\r\n三行目\rend"))
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        #expect(bytes.allSatisfy { $0 < 0x80 })
    }

    @Test("the body is base64 in lines of 76 and decodes to the text with CRLF line breaks")
    func body() throws {
        let bytes = try render(Sample.queued())
        let parsed = try ParsedMail(bytes)
        #expect(parsed.body == Sample.body.replacingOccurrences(of: "\n", with: "\r\n"))
        let text = String(decoding: bytes, as: UTF8.self)
        let bodyLines = text[text.range(of: "\r\n\r\n")!.upperBound...].components(separatedBy: "\r\n").dropLast()
        #expect(bodyLines.dropLast().allSatisfy { $0.count == 76 })
        #expect(bodyLines.last!.count <= 76)
    }

    @Test("a line break in the recipient is refused", arguments: [
        "taro@example.com\r\nBcc: victim@example.org", "taro@example.com\nBcc: victim@example.org",
        "taro@example.com\r", "\r\ntaro@example.com",
    ])
    func recipientInjection(to: String) throws {
        #expect(throws: MailFormatError.controlCharacter(field: "To")) {
            try render(Sample.queued(to: to))
        }
    }

    @Test("a line break in the sender is refused")
    func senderInjection() {
        #expect(throws: MailFormatError.controlCharacter(field: "From")) {
            try MailSender(displayName: "Codex\r\nBcc: victim@example.org", address: "no-reply@example.jp")
        }
        #expect(throws: MailFormatError.controlCharacter(field: "From")) {
            try MailSender(displayName: "Codex", address: "no-reply@example.jp\r\nBcc: victim@example.org")
        }
        #expect(throws: MailFormatError.invalidAddress(field: "From")) {
            try MailSender(displayName: "Codex", address: "not an address")
        }
    }

    @Test("a line break in the subject cannot start a header", arguments: [
        "Hello\r\nBcc: victim@example.org", "こんにちは\nBcc: victim@example.org", "Hello\rBcc: victim@example.org",
    ])
    func subjectInjection(subject: String) throws {
        let parsed = try ParsedMail(render(Sample.queued(subject: subject)))
        #expect(parsed.header("Bcc") == nil)
        #expect(!parsed.headerLines.contains { $0.hasPrefix("Bcc") })
        let decoded = try #require(try parsed.decodedHeader("Subject"))
        #expect(!decoded.contains("\r") && !decoded.contains("\n"))
        #expect(decoded.hasSuffix(" Bcc: victim@example.org"))
    }

    @Test("a Message-ID with a line break is refused; one without brackets gets them")
    func messageID() throws {
        #expect(throws: MailFormatError.invalidMessageID) {
            try MailMessageFormatter.messageID("<a@b>\r\nBcc: victim@example.org")
        }
        #expect(try MailMessageFormatter.messageID("abc@example.jp") == "<abc@example.jp>")
    }
}
