import NIOCore
import NIOPosix
import NIOSSL
import SekishoCore

/// One open connection to an SMTP server, driven one command at a time from async code.
///
/// Every wait is bounded: each reply by the reply timeout, scheduled on the event loop, so no
/// thread ever blocks. Every error comes out as an ``SMTPDeliveryError`` naming the stage.
struct SMTPConnection {
    private let channel: any Channel
    private let failures: SMTPFailureRecord
    private let replyTimeout: Duration
    /// True once the bytes travel inside TLS (implicit TLS, or after STARTTLS).
    private(set) var isEncrypted: Bool

    /// Opens a TCP connection (and with implicit TLS, the TLS session) to the configured server.
    static func open(
        _ configuration: SMTPConfiguration,
        tlsContext: NIOSSLContext?,
        group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        let implicitTLS = configuration.security == .implicitTLS ? tlsContext : nil
        let serverName = Self.serverName(configuration.host)
        let failures = SMTPFailureRecord()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        let tls = try NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(record: failures))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
            return SMTPConnection(
                channel: channel, failures: failures, replyTimeout: configuration.replyTimeout,
                isEncrypted: implicitTLS != nil)
        } catch {
            throw SMTPDeliveryError.wrapping(error, at: .connect)
        }
    }

    /// Waits for a reply without sending anything (the greeting).
    func readReply(at stage: SMTPDeliveryError.Stage) async throws -> SMTPReply {
        try await exchange(nil, at: stage)
    }

    /// Sends one command line (CRLF added) and returns the reply.
    func send(_ line: String, at stage: SMTPDeliveryError.Stage) async throws -> SMTPReply {
        // Every value in a command has been validated; this guards the protocol itself.
        guard !line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
            throw MailFormatError.controlCharacter(field: stage.rawValue)
        }
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeString("\r\n")
        return try await exchange(buffer, at: stage)
    }

    /// Sends the message after a 354 reply to DATA: dot-stuffed and terminated by `.` on a line.
    func sendMessage(_ message: [UInt8]) async throws -> SMTPReply {
        try await exchange(channel.allocator.buffer(bytes: Self.dotStuffed(message)), at: .message)
    }

    /// Puts TLS in front of the dialog after the server accepted STARTTLS.
    mutating func startTLS(context: NIOSSLContext, host: String) async throws {
        let channel = self.channel
        let serverName = Self.serverName(host)
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self).ensureNoBufferedInput()
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            }.get()
        } catch {
            throw SMTPDeliveryError.wrapping(error, at: .startTLS)
        }
        isEncrypted = true
    }

    func close() async {
        try? await channel.close()
    }

    /// Closes from any thread without waiting; a pending reply then fails.
    func abort() {
        channel.close(promise: nil)
    }

    private func exchange(_ bytes: ByteBuffer?, at stage: SMTPDeliveryError.Stage) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let timeout = replyTimeout
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            promise.fail(SMTPDeliveryError(kind: .timeout, stage: stage, detail: "no reply within \(timeout)"))
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        channel.writeAndFlush(SMTPRequest(bytes: bytes, reply: promise)).whenFailure { promise.fail($0) }
        do {
            return try await promise.futureResult.get()
        } catch let error as SMTPDeliveryError {
            throw error
        } catch {
            throw SMTPDeliveryError.wrapping(failures.error ?? error, at: stage)
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with `.` gets a second one; then CRLF `.` CRLF ends
    /// the data.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(message.count + 8)
        var atLineStart = true
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
            result.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !atLineStart { result.append(contentsOf: Array("\r\n".utf8)) }
        result.append(contentsOf: Array(".\r\n".utf8))
        return result
    }

    /// The name for SNI and certificate checks. For an IP address there is no SNI; NIOSSL then
    /// checks the certificate against the connected address.
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
