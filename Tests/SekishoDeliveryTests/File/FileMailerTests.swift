import Foundation
import Logging
import SekishoCore
import SekishoTestSupport
import SekishoDelivery
import Testing

@Suite("FileMailer")
struct FileMailerTests {
    @Test("writes one .eml file that parses back to the mail")
    func writesMessage() async throws {
        let root = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = FileMailer.developmentDirectory(dataDirectory: root)
        let mailer = FileMailer(directory: directory, sender: try Sample.sender(), clock: FixedClock(), logger: Logger(label: "test"))

        try await mailer.deliver(Sample.queued())

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files == ["20250401T091640Z-42.eml"])
        let parsed = try ParsedMail(Array(Data(contentsOf: directory.appending(path: files[0]))))
        #expect(try parsed.decodedHeader("Subject") == Sample.subject)
        #expect(parsed.header("To") == "taro@example.com")
        #expect(parsed.header("Message-ID") == "<42.test@example.jp>")
        #expect(parsed.body == Sample.body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("a retry of the same message overwrites its file instead of adding one")
    func retryOverwrites() async throws {
        let directory = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = FixedClock(Date(timeIntervalSince1970: 1_743_500_000))
        let mailer = FileMailer(directory: directory, sender: try Sample.sender(), clock: clock, logger: Logger(label: "test"))

        try await mailer.deliver(Sample.queued(attempts: 1))
        clock.advance(by: 90)
        try await mailer.deliver(Sample.queued(attempts: 2))
        try await mailer.deliver(Sample.queued(id: 43))

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["20250401T091640Z-42.eml", "20250401T091640Z-43.eml"])
        let parsed = try ParsedMail(Array(Data(contentsOf: directory.appending(path: files[0]))))
        #expect(parsed.header("Date") == "Tue, 01 Apr 2025 09:34:50 +0000")
    }

    @Test("a mail that cannot be rendered leaves no file")
    func invalidMailWritesNothing() async throws {
        let directory = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mailer = FileMailer(directory: directory, sender: try Sample.sender(), logger: Logger(label: "test"))

        await #expect(throws: MailFormatError.self) {
            try await mailer.deliver(Sample.queued(to: "taro@example.com\r\nBcc: x@example.org"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
