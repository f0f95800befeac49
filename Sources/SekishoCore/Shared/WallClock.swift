public import Foundation

/// The source of "now" for every rule. Production uses ``SystemWallClock``; tests inject a fixed one,
/// so no test ever sleeps to let time pass.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The machine's clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Whole seconds since 1970, the form every timestamp takes in the database.
    public var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }

    public init(unixSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(unixSeconds))
    }
}
