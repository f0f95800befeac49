import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import SekishoCore

/// Sends SMS through an HTTP provider: a JSON POST per message (see ``HTTPSMSConfiguration``). Any
/// answer but 2xx, or no answer in time, is a failure the outbox retries later.
public struct HTTPSMSSender: SMSSender {
    private let configuration: HTTPSMSConfiguration
    private let client: HTTPClient
    private let logger: Logger

    public init(configuration: HTTPSMSConfiguration, logger: Logger) {
        self.configuration = configuration
        self.client = HTTPClient.shared
        self.logger = logger
    }

    public func deliver(_ message: QueuedMessage) async throws {
        var request = HTTPClientRequest(url: configuration.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        for header in configuration.headers { request.headers.add(name: header.name, value: header.value) }
        let body = configuration.render(to: message.recipient, body: message.body, messageID: message.messageID)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(configuration.timeout.timeInterval * 1e9)))
        // The answer is read (and bounded) only to free the connection; it is never logged, it may echo the code.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw SMSDeliveryError.rejected(status: Int(response.status.code))
        }
        logger.info("sms sent", metadata: ["message-id": "\(message.messageID)"])
    }
}

/// The provider did not take the message.
public enum SMSDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    case rejected(status: Int)

    public var description: String {
        switch self {
        case .rejected(let status): "the SMS provider answered HTTP \(status)"
        }
    }
}
