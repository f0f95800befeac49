import Testing

@testable import SekishoDelivery

@Suite("SMTP protocol pieces")
struct SMTPProtocolTests {
    @Test("a multi-line reply arriving in fragments becomes one reply")
    func multiLineReply() throws {
        var parser = SMTPReplyParser()
        parser.append("220 mail.example.jp ESMTP\r\n250-mail.example.jp\r\n250-STARTTLS\r\n250-AU".utf8)
        #expect(try parser.next() == SMTPReply(code: 220, lines: ["mail.example.jp ESMTP"]))
        #expect(try parser.next() == nil)
        #expect(!parser.isEmpty)
        parser.append("TH PLAIN LOGIN\r\n250 SIZE 1000\n".utf8)
        let ehlo = try #require(try parser.next())
        #expect(ehlo == SMTPReply(code: 250, lines: ["mail.example.jp", "STARTTLS", "AUTH PLAIN LOGIN", "SIZE 1000"]))
        #expect(parser.isEmpty)
    }

    @Test("a bare code is a complete reply")
    func bareCode() throws {
        var parser = SMTPReplyParser()
        parser.append("354\r\n".utf8)
        #expect(try parser.next() == SMTPReply(code: 354, lines: [""]))
    }

    @Test("malformed replies are protocol violations", arguments: [
        "hello\r\n", "25\r\n", "250x ok\r\n", "650 nope\r\n", "250-a\r\n251 b\r\n",
    ])
    func malformed(text: String) {
        var parser = SMTPReplyParser()
        parser.append(text.utf8)
        #expect(throws: SMTPReplyParser.ProtocolViolation.self) {
            while try parser.next() != nil {}
        }
    }

    @Test("an endless line is refused before it fills memory")
    func endlessLine() {
        var parser = SMTPReplyParser()
        parser.append(Array(repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        #expect(throws: SMTPReplyParser.ProtocolViolation.self) { try parser.next() }
    }

    @Test("EHLO capabilities: STARTTLS and AUTH mechanisms, old AUTH= form too")
    func capabilities() {
        let reply = SMTPReply(code: 250, lines: ["mail.example.jp", "starttls", "AUTH LOGIN PLAIN", "AUTH=CRAM-MD5", "8BITMIME"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "CRAM-MD5"])
        #expect(!SMTPCapabilities.none.supportsStartTLS)
        #expect(SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["only greeting"])) == .none)
    }

    @Test("dot-stuffing doubles leading dots and ends the data")
    func dotStuffing() {
        let stuffed = SMTPConnection.dotStuffed(Array(".a\r\nb.\r\n..c\r\n.\r\nd".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\nb.\r\n...c\r\n..\r\nd\r\n.\r\n")
    }

    @Test("reply summaries drop control characters and stay short")
    func summary() {
        let reply = SMTPReply(code: 550, lines: ["no\u{1B}[31m such user", String(repeating: "x", count: 400)])
        #expect(!reply.summary.contains("\u{1B}"))
        #expect(reply.summary.count <= 301)
        #expect(reply.summary.hasPrefix("550 no[31m such user / x"))
    }
}
