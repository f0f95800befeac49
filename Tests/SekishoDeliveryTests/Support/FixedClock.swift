import Foundation
import SekishoCore
import Synchronization

/// A clock that stands still until a test moves it.
final class FixedClock: WallClock {
    private let current: Mutex<Date>

    init(_ date: Date = Date(timeIntervalSince1970: 1_743_500_000)) {
        current = Mutex(date)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
