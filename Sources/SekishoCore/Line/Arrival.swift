/// The subscriber line a trusted carrier gateway reported for a request (SPEC D1).
public struct SubscriberLine: Sendable, Hashable {
    public let number: LineNumber
    /// The gateway marked the line as NTT West's (西日本): its first line sign-in asks for the
    /// line-information notice (SPEC D4).
    public let isWestArea: Bool

    public init(number: LineNumber, isWestArea: Bool) {
        self.number = number
        self.isWestArea = isWestArea
    }
}

/// How a request reached Sekisho. Only the web layer's gateway rule decides it; a header alone never
/// makes a request a line request.
public enum Arrival: Sendable, Hashable {
    /// The public entrance: whatever line the browser sits on, it is the internet here.
    case internet
    /// The line-auth entrance (its own host). `line` is what the carrier gateway reported, or `nil`
    /// when the request did not come through a gateway with a usable header.
    case lineEntrance(SubscriberLine?)

    public var isLineEntrance: Bool {
        if case .lineEntrance = self { true } else { false }
    }

    /// The reported line, if any.
    public var line: SubscriberLine? {
        if case .lineEntrance(let line) = self { line } else { nil }
    }
}
