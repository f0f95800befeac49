public import Foundation

/// What the use cases need to know about this deployment.
public struct ServiceSettings: Sendable {
    /// コーデックストレージ: the service's name in mail subjects and pages (SPEC L1).
    public var serviceName: String
    /// Where people reach Sekisho; every link in a mail starts with it, never with a `Host` header.
    public var publicURL: URL
    /// The line-auth entrance (SPEC D1), when line authentication is offered: the mail links of a
    /// line-only contract's people start with it, since only there can they be used.
    public var lineEntranceURL: URL?
    /// The domain of the sender address, used for Message-IDs.
    public var mailDomain: String
    /// How long a mail link works, per purpose (default 7 days, SPEC L2).
    public var ticketLifetimes: [TicketPurpose: TimeInterval]
    /// Length of the free trial (SPEC A3).
    public var trialLength: TimeInterval
    /// How long a cancelled contract's data is kept before it is erased (SPEC J4, 30 days *assumed*).
    public var cancellationRetention: TimeInterval

    public static let week: TimeInterval = 7 * 86_400

    public init(
        serviceName: String = "コーデックストレージ",
        publicURL: URL,
        mailDomain: String,
        ticketLifetimes: [TicketPurpose: TimeInterval] = [:],
        trialLength: TimeInterval = 30 * 86_400,
        cancellationRetention: TimeInterval = 30 * 86_400,
        lineEntranceURL: URL? = nil
    ) {
        self.serviceName = serviceName
        self.publicURL = publicURL
        self.lineEntranceURL = lineEntranceURL
        self.mailDomain = mailDomain
        self.ticketLifetimes = ticketLifetimes
        self.trialLength = trialLength
        self.cancellationRetention = cancellationRetention
    }

    public func lifetime(of purpose: TicketPurpose) -> TimeInterval {
        ticketLifetimes[purpose] ?? Self.week
    }

    /// An absolute link to `path` on the public URL (or the line entrance) carrying `ticket`.
    public func link(_ path: String, ticket: SecretToken, onLineEntrance: Bool = false) -> String {
        var base = (onLineEntrance ? lineEntranceURL ?? publicURL : publicURL).absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)\(path)?ticket=\(ticket.text)"
    }

    /// 【コーデックストレージ】…: every subject names the service the same way.
    public func subject(_ topic: String) -> String {
        "【\(serviceName)】\(topic)"
    }

    /// A fresh RFC 5322 Message-ID in the sender's domain.
    public func newMessageID() -> String {
        "<\(UUID().uuidString.lowercased())@\(mailDomain)>"
    }
}
