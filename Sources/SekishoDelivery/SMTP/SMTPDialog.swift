import Foundation
import Logging
import NIOSSL
import SekishoCore

/// The client side of the SMTP dialog for one message (RFC 5321, RFC 3207 STARTTLS, RFC 4954
/// AUTH): greeting, EHLO (HELO when refused), STARTTLS and EHLO again, AUTH, MAIL FROM, RCPT TO,
/// DATA, QUIT.
struct SMTPDialog {
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    let logger: Logger

    /// Sends `message` from `sender` to `recipient`; throws ``SMTPDeliveryError`` at the first
    /// reply that is not the expected one.
    func run(on connection: inout SMTPConnection, message: [UInt8], sender: EmailAddress, recipient: EmailAddress) async throws {
        try expect(await connection.readReply(at: .greeting), 220, at: .greeting)
        var capabilities = try await hello(on: connection)
        if configuration.security == .startTLS {
            guard capabilities.supportsStartTLS, let tlsContext else {
                throw SMTPDeliveryError(kind: .unsupported, stage: .startTLS, detail: "the server does not offer STARTTLS")
            }
            try expect(await connection.send("STARTTLS", at: .startTLS), 220, at: .startTLS)
            try await connection.startTLS(context: tlsContext, host: configuration.host)
            capabilities = try await hello(on: connection)
        }
        if let credentials = configuration.credentials {
            try await authenticate(credentials, capabilities: capabilities, on: connection)
        }
        try expect(await connection.send("MAIL FROM:<\(sender.value)>", at: .mailFrom), 250, at: .mailFrom)
        try expect(await connection.send("RCPT TO:<\(recipient.value)>", at: .recipient), 250, 251, at: .recipient)
        try expect(await connection.send("DATA", at: .data), 354, at: .data)
        try expect(await connection.sendMessage(message), 250, at: .message)
        // The message is accepted; a missing answer to QUIT changes nothing.
        _ = try? await connection.send("QUIT", at: .message)
    }

    /// EHLO, or HELO when the server does not know EHLO (then without extensions).
    private func hello(on connection: SMTPConnection) async throws -> SMTPCapabilities {
        let reply = try await connection.send("EHLO \(configuration.heloName)", at: .hello)
        if reply.code == 250 {
            return SMTPCapabilities(ehloReply: reply)
        }
        guard reply.isPermanentFailure else { throw SMTPDeliveryError.rejected(reply, at: .hello) }
        logger.debug("SMTP server refused EHLO, trying HELO", metadata: ["reply": "\(reply.summary)"])
        try expect(await connection.send("HELO \(configuration.heloName)", at: .hello), 250, at: .hello)
        return .none
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN. Credentials leave only inside TLS unless the
    /// configuration allows otherwise, and never reach a log or an error text.
    private func authenticate(_ credentials: SMTPCredentials, capabilities: SMTPCapabilities, on connection: SMTPConnection) async throws {
        guard connection.isEncrypted || configuration.allowsPlaintextAuthentication else {
            throw SMTPDeliveryError(
                kind: .unsupported, stage: .authentication,
                detail: "refusing to send credentials over a connection without TLS")
        }
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(credentials.username)\0\(credentials.password)")
            try expect(await connection.send("AUTH PLAIN \(token)", at: .authentication), 235, at: .authentication)
        } else if mechanisms.contains("LOGIN") {
            try expect(await connection.send("AUTH LOGIN", at: .authentication), 334, at: .authentication)
            try expect(await connection.send(Self.base64(credentials.username), at: .authentication), 334, at: .authentication)
            try expect(await connection.send(Self.base64(credentials.password), at: .authentication), 235, at: .authentication)
        } else {
            throw SMTPDeliveryError(
                kind: .unsupported, stage: .authentication,
                detail: "the server offers no AUTH mechanism this client speaks (PLAIN, LOGIN)")
        }
    }

    private func expect(_ reply: SMTPReply, _ codes: Int..., at stage: SMTPDeliveryError.Stage) throws {
        guard codes.contains(reply.code) else { throw SMTPDeliveryError.rejected(reply, at: stage) }
        logger.trace("SMTP step done", metadata: ["stage": "\(stage.rawValue)", "code": "\(reply.code)"])
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
