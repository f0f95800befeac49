import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A stand-in SMS provider: an HTTP server on a loopback port that records every request and
/// answers each with the next of the given statuses (then 200).
final class SMSProviderStub: Sendable {
    struct Request: Sendable {
        let method: String
        let uri: String
        let headers: [String: String]
        let body: String
    }

    private let state = Mutex<(requests: [Request], statuses: [Int])>(([], []))
    private let channel = Mutex<(any Channel)?>(nil)

    private init(statuses: [Int]) {
        state.withLock { $0.statuses = statuses }
    }

    static func start(statuses: [Int] = []) async throws -> SMSProviderStub {
        let stub = SMSProviderStub(statuses: statuses)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(stub: stub))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        stub.channel.withLock { $0 = channel }
        return stub
    }

    var url: String { "http://127.0.0.1:\(channel.withLock { $0?.localAddress?.port ?? 0 })/v1/messages" }
    var requests: [Request] { state.withLock { $0.requests } }

    func shutdown() async throws {
        try await channel.withLock { $0 }?.close()
    }

    fileprivate func record(_ request: Request) -> Int {
        state.withLock { state in
            state.requests.append(request)
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
    }
}

private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let stub: SMSProviderStub
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(stub: SMSProviderStub) {
        self.stub = stub
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            let status = stub.record(SMSProviderStub.Request(
                method: head.method.rawValue, uri: head.uri,
                headers: Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { $1 },
                body: String(buffer: body)))
            let answer = ByteBuffer(string: #"{"status":"queued"}"#)
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "\(answer.readableBytes)")])
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: headers))),
                          promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(answer))), promise: nil)
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
        }
    }
}
