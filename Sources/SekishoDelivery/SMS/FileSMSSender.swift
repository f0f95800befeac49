public import Foundation
public import Logging
import NIOPosix
public import SekishoCore

/// The development SMS sender: writes each message as `{"to": "...", "body": "..."}` into a JSON
/// file instead of sending it. Named like ``FileMailer``'s files, so a retry overwrites its own file.
public struct FileSMSSender: SMSSender {
    /// Where the files go; created on first delivery.
    public let directory: URL
    private let logger: Logger

    public init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// `<data-dir>/outbox/sms/`, the development default.
    public static func developmentDirectory(dataDirectory: URL) -> URL {
        dataDirectory.appending(path: "outbox", directoryHint: .isDirectory).appending(path: "sms", directoryHint: .isDirectory)
    }

    public static func fileName(for message: QueuedMessage) -> String {
        "\(MailDate.stamp(message.createdAt))-\(message.id).json"
    }

    public func deliver(_ message: QueuedMessage) async throws {
        let data = try JSONSerialization.data(
            withJSONObject: ["to": message.recipient, "body": message.body], options: [.sortedKeys, .withoutEscapingSlashes])
        let directory = self.directory
        let file = directory.appending(path: Self.fileName(for: message), directoryHint: .notDirectory)
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: file, options: .atomic)
        }
        // The body holds a live code: the log names the file, never the text.
        logger.info("sms written to file", metadata: ["message-id": "\(message.messageID)", "file": "\(file.path)"])
    }
}
