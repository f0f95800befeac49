import NIOCore
import NIOPosix

/// A sleep on an event loop's timer, which a cancellation removes at once. `Task.sleep` keeps a
/// cancelled sleep's memory until its deadline: the bounded wait for a PostgreSQL connection sleeps
/// once per request and is cancelled as soon as the connection comes, so under load that was about
/// 1 KB a request held for the whole wait (docs/benchmarks.md, target 4b).
enum TimerSleep {
    static func sleep(for duration: Duration, on loop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) async throws {
        let timer = loop.scheduleTask(in: TimeAmount(duration)) {}
        do {
            try await withTaskCancellationHandler {
                try await timer.futureResult.get()
            } onCancel: {
                timer.cancel()
            }
        } catch EventLoopError.cancelled {
            throw CancellationError()
        }
    }
}
