public import Hummingbird
import NIOCore
public import SekishoCore

/// The context of every request: who is asking (socket address), in which language, with which
/// session, and the form body once the CSRF middleware has read it.
public struct AppRequestContext: RequestContext, PageContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as the socket reports it.
    public let peerAddress: String
    /// Who is asking: the peer, or the address a trusted proxy forwarded (``ClientAddressMiddleware``).
    public var clientAddress: String
    /// The peer and every address a trusted proxy vouched for on the way, client last.
    public var vouchedAddresses: [String]
    /// The entrance and the subscriber line the carrier gateway vouched for (``LineGatewayMiddleware``).
    public var arrival: Arrival = .internet
    public var language: Language = .ja
    public var session: ActiveSession?
    /// The parsed body of an unsafe request; empty for GET.
    public var form = FormBody()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress ?? ""
        self.clientAddress = peerAddress
        self.vouchedAddresses = [peerAddress]
    }

    /// Forms are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { 1024 * 1024 }
}

/// What page rendering needs from a context, signed in or not.
public protocol PageContext: RequestContext {
    var language: Language { get }
    var session: ActiveSession? { get }
    var clientAddress: String { get }
    var arrival: Arrival { get }
}

extension PageContext {
    func client(_ request: Request) -> ClientInfo {
        ClientInfo(address: clientAddress, userAgent: request.headers[.userAgent] ?? "", arrival: arrival)
    }
}
