import NIOCore
import Synchronization

/// One step of the sequential dialog: bytes to send (none when only waiting, as for the greeting)
/// and the promise that receives the server's next reply.
struct SMTPRequest: Sendable {
    let bytes: ByteBuffer?
    let reply: EventLoopPromise<SMTPReply>
}

/// Turns the byte stream of an SMTP connection into replies and hands each to the request that
/// waits for it. The dialog is strictly sequential (no pipelining), so at most one request waits.
///
/// A reply that arrives while nothing waits (the greeting, or a 421 before the server hangs up)
/// is kept for the next request. After an error or the end of the connection every request fails
/// with that error.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    /// Replies kept while nothing waits; more than this is a server talking out of turn.
    private static let maximumUnrequestedReplies = 4

    private var parser = SMTPReplyParser()
    private var waiting: EventLoopPromise<SMTPReply>?
    private var unrequested: [SMTPReply] = []
    private var failure: (any Error)?
    private let record: SMTPFailureRecord

    init(record: SMTPFailureRecord) {
        self.record = record
    }

    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the server closed the connection" }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard waiting == nil else {
            let error = SMTPReplyParser.ProtocolViolation(description: "a command was sent before the previous reply")
            request.reply.fail(error)
            promise?.fail(error)
            return
        }
        if !unrequested.isEmpty {
            request.reply.succeed(unrequested.removeFirst())
        } else if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        } else {
            waiting = request.reply
        }
        if let bytes = request.bytes {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        parser.append(bytes.readableBytesView)
        do {
            while let reply = try parser.next() {
                if let waiting {
                    self.waiting = nil
                    waiting.succeed(reply)
                } else if unrequested.count < Self.maximumUnrequestedReplies {
                    unrequested.append(reply)
                } else {
                    throw SMTPReplyParser.ProtocolViolation(description: "the server sent replies nobody asked for")
                }
            }
        } catch {
            fail(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(ConnectionClosed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    /// Before the TLS handler goes in front of this one: any byte already received arrived in
    /// clear after the STARTTLS reply and could have been injected by an attacker, so it is an
    /// error (RFC 3207 §5; the CVE-2011-0411 class of bugs).
    func ensureNoBufferedInput() throws {
        guard parser.isEmpty, unrequested.isEmpty else {
            throw SMTPReplyParser.ProtocolViolation(description: "the server sent data after its STARTTLS reply")
        }
    }

    private func fail(_ error: any Error) {
        if failure == nil {
            failure = error
            record.keep(error)
        }
        waiting?.fail(error)
        waiting = nil
    }
}

/// The first error of a connection, readable from outside the event loop. When the connection
/// breaks before a request reaches the handler (a failed TLS handshake closes it at once), the
/// write fails with a bare "closed channel" error; this keeps the cause that explains it.
final class SMTPFailureRecord: Sendable {
    private let first = Mutex<(any Error)?>(nil)

    func keep(_ error: any Error) {
        first.withLock { if $0 == nil { $0 = error } }
    }

    var error: (any Error)? { first.withLock { $0 } }
}
