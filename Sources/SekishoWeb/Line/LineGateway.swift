public import Foundation
public import HTTPTypes
import SekishoCore

/// The carrier gateway in front of the line-auth entrance (SPEC D1) and how Sekisho believes it.
public struct LineGateway: Sendable {
    /// The line-auth entrance, e.g. `https://line.example.jp`: requests for its host are line-auth
    /// requests, and provider round trips begun there come back there.
    public var entranceURL: URL
    /// The gateways' addresses; only a request that one of them relayed may carry a line.
    public var gateways: [IPAddressRange]
    /// The header with the subscriber line number.
    public var numberHeader: HTTPField.Name
    /// The header that marks a West-area line (SPEC D4), and the value that means West.
    public var areaHeader: HTTPField.Name
    public var westAreaValue: String

    public init(
        entranceURL: URL, gateways: [IPAddressRange], numberHeader: HTTPField.Name = HTTPField.Name("X-Line-Number")!,
        areaHeader: HTTPField.Name = HTTPField.Name("X-Line-Area")!, westAreaValue: String = "west"
    ) {
        self.entranceURL = entranceURL
        self.gateways = gateways
        self.numberHeader = numberHeader
        self.areaHeader = areaHeader
        self.westAreaValue = westAreaValue
    }

    /// What the gateway rule makes of a request, and what is worth a log line.
    struct Verdict: Equatable {
        let arrival: Arrival
        /// Why line headers were not believed; `nil` when they were, or when there were none.
        let ignored: String?
    }

    /// A request counts as coming over a line only when it is for the entrance's host, was relayed
    /// by a gateway (the peer, or an address a trusted proxy vouched for), and carries exactly one
    /// well-formed line number.
    func verdict(authority: String?, vouched: [String], headers: HTTPFields) -> Verdict {
        let numbers = headers[values: numberHeader]
        let hasLineHeaders = !numbers.isEmpty || headers[areaHeader] != nil
        guard isEntrance(authority) else { return Verdict(arrival: .internet, ignored: hasLineHeaders ? "not the line entrance" : nil) }
        guard vouched.contains(where: { address in gateways.contains { $0.contains(address) } }) else {
            return Verdict(arrival: .lineEntrance(nil), ignored: hasLineHeaders ? "not from a gateway" : nil)
        }
        let areas = headers[values: areaHeader]
        guard numbers.count == 1, areas.count <= 1, let number = try? LineNumber(parsing: numbers[0]) else {
            return Verdict(arrival: .lineEntrance(nil), ignored: numbers.isEmpty ? "no line number" : "malformed line headers")
        }
        let isWest = areas.first.map { $0.trimmingSpaces.caseInsensitiveCompare(westAreaValue) == .orderedSame } ?? false
        return Verdict(arrival: .lineEntrance(SubscriberLine(number: number, isWestArea: isWest)), ignored: nil)
    }

    /// Whether `authority` (the request's `Host`) names the entrance: same host, and the same port
    /// (the scheme's default when the URL has none).
    func isEntrance(_ authority: String?) -> Bool {
        guard let authority = authority?.lowercased(), let host = entranceURL.host?.lowercased() else { return false }
        let defaultPort = entranceURL.scheme?.lowercased() == "https" ? 443 : 80
        let port = entranceURL.port ?? defaultPort
        if authority == "\(host):\(port)" { return true }
        return port == defaultPort && authority == host
    }
}
