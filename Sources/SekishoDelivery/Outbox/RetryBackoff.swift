/// How long a failed message waits before the next attempt: `base × 2^(attempts − 1)`, at most
/// `cap`. With the defaults: 30 s, 1 min, 2 min, 4 min … then every hour.
public struct RetryBackoff: Sendable, Equatable {
    /// The wait after the first failed attempt.
    public var base: Duration
    /// The longest wait.
    public var cap: Duration

    /// 30 seconds doubling up to one hour unless told otherwise.
    public init(base: Duration = .seconds(30), cap: Duration = .seconds(3600)) {
        self.base = base
        self.cap = cap
    }

    /// The wait after the attempt numbered `attempts` (1 for the first) failed.
    public func delay(afterAttempt attempts: Int) -> Duration {
        // Past 2^20 × base any sane cap is reached; the bound keeps the multiplication finite.
        let exponent = min(max(attempts, 1) - 1, 20)
        return min(base * (1 << exponent), cap)
    }
}
