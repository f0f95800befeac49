public import Foundation
public import Logging
import NIOPosix
public import SekishoCore

/// The development mailer: writes each message as an `.eml` file into a directory instead of
/// sending it.
///
/// The file name comes from the message's creation time and outbox id
/// (`20250401T093000Z-42.eml`), so a retry of the same message overwrites the same file: delivery
/// stays at least once without piling up copies. Each file is written to a temporary file and
/// renamed, so a reader never sees half a message.
public struct FileMailer: Mailer {
    /// Where the files go; created on first delivery.
    public let directory: URL
    private let formatter: MailMessageFormatter
    private let clock: any WallClock
    private let logger: Logger

    /// - Parameters:
    ///   - directory: the outbox directory, usually ``developmentDirectory(dataDirectory:)``.
    ///   - sender: the `From` of every message.
    ///   - clock: gives the `Date` header.
    public init(directory: URL, sender: MailSender, clock: any WallClock = SystemWallClock(), logger: Logger) {
        self.directory = directory
        self.formatter = MailMessageFormatter(sender: sender)
        self.clock = clock
        self.logger = logger
    }

    /// `<data-dir>/outbox/mail/`, the development default.
    public static func developmentDirectory(dataDirectory: URL) -> URL {
        dataDirectory.appending(path: "outbox", directoryHint: .isDirectory)
            .appending(path: "mail", directoryHint: .isDirectory)
    }

    /// The name of the file that holds `mail`.
    public static func fileName(for mail: QueuedMessage) -> String {
        "\(MailDate.stamp(mail.createdAt))-\(mail.id).eml"
    }

    /// Writes the message to ``fileName(for:)`` in ``directory``, replacing an earlier copy.
    public func deliver(_ mail: QueuedMessage) async throws {
        let bytes = try formatter.format(mail, date: clock.now())
        let directory = self.directory
        let file = directory.appending(path: Self.fileName(for: mail), directoryHint: .notDirectory)
        // File I/O blocks, so it runs on NIO's thread pool rather than on the cooperative pool.
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: file, options: .atomic)
        }
        logger.info("mail written to file", metadata: ["message-id": "\(mail.messageID)", "file": "\(file.path)"])
    }
}
