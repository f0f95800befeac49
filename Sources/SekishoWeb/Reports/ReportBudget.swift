import Foundation
import Synchronization

/// How many reports get logged per minute: anyone can post reports, and a flood of them must not
/// flood the log. The rest of the minute's reports are counted and said once the next minute starts.
final class ReportBudget: Sendable {
    let perMinute: Int
    private let state = Mutex((minute: Int64(0), logged: 0, dropped: 0))

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Whether a report arriving at `now` is logged, and how many the previous minute dropped (to say
    /// once, the first time the new minute asks).
    func admit(at now: Date) -> (logged: Bool, droppedBefore: Int) {
        let minute = Int64(now.timeIntervalSince1970 / 60)
        return state.withLock { state in
            var dropped = 0
            if state.minute != minute {
                dropped = state.dropped
                state = (minute, 0, 0)
            }
            guard state.logged < perMinute else {
                state.dropped += 1
                return (false, dropped)
            }
            state.logged += 1
            return (true, dropped)
        }
    }
}
