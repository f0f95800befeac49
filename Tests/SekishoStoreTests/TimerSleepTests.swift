import Foundation
@testable import SekishoStore
import Testing

@Suite("The bounded wait's sleep")
struct TimerSleepTests {
    /// Each PostgreSQL request's bounded wait is such a sleep, cancelled when the connection comes:
    /// the request returns only once it has ended, so it must end at the cancellation, not at its deadline.
    @Test("a cancelled sleep ends at once with CancellationError, long before its deadline", .timeLimit(.minutes(1)))
    func cancellationEndsIt() async throws {
        for alreadyCancelled in [false, true] {
            let sleeper = Task {
                if alreadyCancelled { withUnsafeCurrentTask { $0?.cancel() } }
                try await TimerSleep.sleep(for: .seconds(3600))
            }
            sleeper.cancel()
            let result = await sleeper.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }
}
