import NIOCore
import NIOSSL

/// Why an SMTP delivery failed, and whether retrying can help.
///
/// The outbox worker retries every failure with backoff; ``isPermanent`` and the description
/// (which starts with `permanent` or `transient`) tell the operator which failures need a fix on
/// one side or the other. The description holds the server's reply but never a credential or the
/// message.
public struct SMTPDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The server answered with this failure code: 4xx is transient, 5xx permanent.
        case rejected(code: Int)
        /// Name resolution, connection refused or reset, connection closed early (transient).
        case network
        /// No reply, or no connection, within the configured time (transient).
        case timeout
        /// The TLS handshake failed: certificate not trusted, wrong host name, no common
        /// protocol version (permanent until a certificate or the configuration changes).
        case tls
        /// The server lacks what the configuration requires, such as STARTTLS or an AUTH
        /// mechanism we speak, or credentials would go over an unencrypted connection (permanent).
        case unsupported
        /// The server broke the protocol: a malformed reply, or bytes sent ahead of the TLS
        /// handshake (transient: a different server of the same name may behave).
        case protocolViolation
    }

    /// The step of the dialog where delivery stopped.
    public enum Stage: String, Sendable, Equatable {
        case connect
        case greeting
        case hello = "EHLO"
        case startTLS = "STARTTLS"
        case authentication = "AUTH"
        case mailFrom = "MAIL FROM"
        case recipient = "RCPT TO"
        case data = "DATA"
        case message = "message content"
    }

    /// What went wrong.
    public let kind: Kind
    /// Where in the dialog it went wrong.
    public let stage: Stage
    /// The server reply or the underlying error, without credentials.
    public let detail: String

    /// An error of `kind` at `stage`; `detail` must not hold a credential.
    public init(kind: Kind, stage: Stage, detail: String) {
        self.kind = kind
        self.stage = stage
        self.detail = detail
    }

    /// True when the same attempt will fail again until something changes.
    public var isPermanent: Bool {
        switch kind {
        case .rejected(let code): code >= 500
        case .tls, .unsupported: true
        case .network, .timeout, .protocolViolation: false
        }
    }

    /// `permanent SMTP failure at AUTH: 535 5.7.8 …` or `transient SMTP failure at connect: …`.
    public var description: String {
        "\(isPermanent ? "permanent" : "transient") SMTP failure at \(stage.rawValue): \(detail)"
    }

    static func rejected(_ reply: SMTPReply, at stage: Stage) -> Self {
        Self(kind: .rejected(code: reply.code), stage: stage, detail: reply.summary)
    }

    /// Any error from the channel, classified; an ``SMTPDeliveryError`` passes through.
    static func wrapping(_ error: any Error, at stage: Stage) -> Self {
        switch error {
        case let error as SMTPDeliveryError:
            error
        case let error as SMTPReplyParser.ProtocolViolation:
            Self(kind: .protocolViolation, stage: stage, detail: error.description)
        case ChannelError.connectTimeout:
            Self(kind: .timeout, stage: stage, detail: "no connection within the connect timeout")
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            Self(kind: .tls, stage: stage, detail: "TLS: \(error)")
        default:
            Self(kind: .network, stage: stage, detail: "\(error)")
        }
    }
}
