import Foundation
import Hummingbird
import SekishoCore

/// The development mailbox at `/dev/mail` (development mode only): every queued message, newest
/// first, with the links in its body clickable. In production these routes do not exist.
struct DevMailController: Sendable {
    let mailbox: any OutboxQueue
    let pages: PageResponder

    static let listLimit = 200

    func register(_ routes: Routes) {
        routes.get("/dev/mail") { request, context in
            let messages = try await mailbox.recent(limit: Self.listLimit)
            let content = MailboxContent(messages: messages.map { MailboxRow($0, strings: pages.strings, language: context.language) })
            return pages.page("devmail", title: "devmail_title", content: content, request: request, context: context)
        }
        routes.get("/dev/mail/:id") { request, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init), let message = try await mailbox.find(id) else {
                throw HTTPError(.notFound)
            }
            let content = MailMessageContent(row: MailboxRow(message, strings: pages.strings, language: context.language),
                                             body: MailBodySegment.split(message.body))
            return pages.page("devmail_message", title: "devmail_title", content: content, request: request, context: context)
        }
    }
}

struct MailboxContent: Sendable, Encodable {
    let messages: [MailboxRow]
    /// Stored, not computed: templates see stored properties only.
    let isEmpty: Bool

    init(messages: [MailboxRow]) {
        self.messages = messages
        self.isEmpty = messages.isEmpty
    }
}

struct MailboxRow: Sendable, Encodable {
    let id: String
    let to: String
    let subject: String
    let created: String
    let status: String

    init(_ message: QueuedMessage, strings: Strings, language: Language) {
        id = String(message.id)
        to = message.recipient
        subject = message.channel == .sms ? strings.text("devmail_sms", language) : message.subject
        created = JapanTime.dateTime(message.createdAt)
        status = strings.text(message.deliveredAt == nil ? "devmail_pending" : "devmail_delivered", language)
    }
}

struct MailMessageContent: Sendable, Encodable {
    let row: MailboxRow
    let body: [MailBodySegment]
}

/// A run of a mail body: plain text, or a link to show as an anchor.
struct MailBodySegment: Sendable, Equatable, Encodable {
    let text: String
    let link: String?

    /// Cuts a body into text and `http(s)://` links.
    static func split(_ body: String) -> [MailBodySegment] {
        var segments: [MailBodySegment] = []
        var rest = body[...]
        while let range = rest.range(of: #"https?://[^\s<>"]+"#, options: .regularExpression) {
            if range.lowerBound > rest.startIndex { segments.append(.init(text: String(rest[..<range.lowerBound]), link: nil)) }
            segments.append(.init(text: String(rest[range]), link: String(rest[range])))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { segments.append(.init(text: String(rest), link: nil)) }
        return segments
    }
}
