public import Logging
public import NIOCore
import NIOPosix
import NIOSSL
public import SekishoCore

/// The production mailer: sends each message over SMTP, one connection per message.
///
/// TLS verifies the server certificate against the system trust roots (plus an optional private
/// CA) and the configured host name. Failures come out as ``SMTPDeliveryError``, which says
/// whether they are permanent or transient; passwords and message bodies are never logged.
public struct SMTPMailer: Mailer {
    /// The server and the connection settings.
    public let configuration: SMTPConfiguration
    private let formatter: MailMessageFormatter
    private let tlsContext: NIOSSLContext?
    private let clock: any WallClock
    private let group: any EventLoopGroup
    private let logger: Logger

    /// Throws when the TLS setup cannot be built, such as an unreadable `additionalCAFile`, so a
    /// bad configuration fails at start-up.
    ///
    /// - Parameters:
    ///   - configuration: server, security mode, credentials, timeouts.
    ///   - sender: the `From` header and the envelope sender (`MAIL FROM`).
    ///   - clock: gives the `Date` header.
    ///   - eventLoopGroup: where connections run; `nil` for the process-wide NIO group.
    public init(
        configuration: SMTPConfiguration,
        sender: MailSender,
        clock: any WallClock = SystemWallClock(),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger
    ) throws {
        self.configuration = configuration
        self.formatter = MailMessageFormatter(sender: sender)
        self.tlsContext = configuration.security == .plain ? nil : try Self.makeTLSContext(configuration)
        self.clock = clock
        self.group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.logger = logger
    }

    /// Renders `mail` and sends it over a new connection; throws ``MailFormatError`` or
    /// ``SMTPDeliveryError``.
    public func deliver(_ mail: QueuedMessage) async throws {
        let message = try formatter.format(mail, date: clock.now())
        let recipient = try HeaderText.address(mail.recipient, field: "To")
        var logger = self.logger
        logger[metadataKey: "message-id"] = "\(mail.messageID)"
        logger[metadataKey: "smtp-host"] = "\(configuration.host):\(configuration.port)"

        var connection = try await SMTPConnection.open(configuration, tlsContext: tlsContext, group: group)
        let dialog = SMTPDialog(configuration: configuration, tlsContext: tlsContext, logger: logger)
        let opened = connection
        do {
            // Cancellation (a hard shutdown) closes the connection, which ends the current wait.
            try await withTaskCancellationHandler {
                try await dialog.run(on: &connection, message: message, sender: formatter.sender.address, recipient: recipient)
            } onCancel: {
                opened.abort()
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        logger.info("mail delivered over SMTP")
    }

    private static func makeTLSContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let file = configuration.additionalCAFile {
            tls.additionalTrustRoots = [.file(file)]
        }
        return try NIOSSLContext(configuration: tls)
    }
}
