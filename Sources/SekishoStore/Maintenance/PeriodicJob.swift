public import Logging
public import ServiceLifecycle

/// Runs `job` every `interval` until graceful shutdown. A failing run is logged and retried at the
/// next tick; it never stops the service.
public struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let job: @Sendable () async throws -> Void

    public init(name: String, interval: Duration, logger: Logger, job: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.job = job
    }

    public func run() async throws {
        let interval = self.interval
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await job()
            } catch {
                logger.warning("periodic job failed", metadata: ["job": .string(name), "error": .string("\(error)")])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
