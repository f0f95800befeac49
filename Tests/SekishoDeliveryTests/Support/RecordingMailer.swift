import SekishoCore
import Synchronization

/// A mailer (or SMS sender) that fails a given number of times, then delivers; it records every call.
final class RecordingMailer: Mailer, SMSSender {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "transient SMTP failure at RCPT TO: 451 try again later" }
    }

    private let state: Mutex<(failuresLeft: Int, attempts: [QueuedMessage], delivered: [QueuedMessage])>
    private let deliveries: AsyncStream<QueuedMessage>.Continuation
    /// Yields each delivered mail.
    let delivered: AsyncStream<QueuedMessage>

    init(failures: Int = 0) {
        state = Mutex((failures, [], []))
        (delivered, deliveries) = AsyncStream.makeStream(of: QueuedMessage.self)
    }

    var attempts: [QueuedMessage] { state.withLock { $0.attempts } }
    var deliveredMails: [QueuedMessage] { state.withLock { $0.delivered } }

    func deliver(_ mail: QueuedMessage) async throws {
        let fails = state.withLock { state in
            state.attempts.append(mail)
            guard state.failuresLeft == 0 else {
                state.failuresLeft -= 1
                return true
            }
            state.delivered.append(mail)
            return false
        }
        if fails { throw Refused() }
        deliveries.yield(mail)
    }
}
