import Foundation
import SekishoCore
import SekishoDelivery

/// Sample mails and senders shared by the tests.
enum Sample {
    static let subject = "【コーデックストレージ】お申込みの確認"
    static let body = """
        山田 太郎 様

        お申込みありがとうございます。
        .先頭がドットの行
        下記のURLから7日以内に手続きを完了してください。
        https://example.jp/confirm?t=abc
        """

    static func sender() throws -> MailSender {
        try MailSender(displayName: "コーデックストレージ", address: "no-reply@example.jp")
    }

    static func queued(
        id: Int64 = 42, channel: OutboxChannel = .mail, to: String = "taro@example.com", subject: String = Sample.subject,
        body: String = Sample.body, attempts: Int = 1
    ) -> QueuedMessage {
        QueuedMessage(
            id: id, messageID: "<\(id).test@example.jp>",
            channel: channel, recipient: to, subject: subject, body: body,
            createdAt: Date(timeIntervalSince1970: 1_743_499_000), attempts: attempts, deliveredAt: nil, lastError: nil)
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "sekisho-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
