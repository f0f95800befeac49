import Foundation
public import Logging
public import SekishoCore
public import ServiceLifecycle

/// The background service that delivers the outbox: claims due messages, hands each to the
/// ``Mailer`` or the ``SMSSender`` by channel, records the outcome, and retries failures later with
/// ``RetryBackoff``.
///
/// It polls every ``Configuration/pollInterval`` and at once after ``nudge()``. A failing queue
/// (database down) is logged and tried again at the next poll; it never stops the service. On
/// graceful shutdown it finishes the message in hand, hands the rest of its claim back, and
/// returns.
public struct OutboxWorker: Service {
    /// Tuning of the worker.
    public struct Configuration: Sendable {
        /// Time between polls when nothing nudges the worker.
        public var pollInterval: Duration
        /// Most messages claimed at once.
        public var batchSize: Int
        /// How long a claim keeps other workers off a message; longer than the slowest delivery
        /// (an SMTP dialog waits at most a few reply timeouts).
        public var lease: Duration
        /// The wait before each retry.
        public var backoff: RetryBackoff

        /// Defaults: poll every 2 s, 20 messages per claim, 10 min lease, 30 s → 1 h backoff.
        public init(
            pollInterval: Duration = .seconds(2),
            batchSize: Int = 20,
            lease: Duration = .seconds(600),
            backoff: RetryBackoff = RetryBackoff()
        ) {
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.lease = lease
            self.backoff = backoff
        }
    }

    /// What one ``runOnce()`` did.
    public struct Outcome: Sendable, Equatable {
        /// Messages the mailer accepted.
        public var delivered = 0
        /// Messages that failed and were rescheduled.
        public var failed = 0

        /// An outcome with these counts.
        public init(delivered: Int = 0, failed: Int = 0) {
            self.delivered = delivered
            self.failed = failed
        }
    }

    private let queue: any OutboxQueue
    private let mailer: any Mailer
    private let smsSender: any SMSSender
    private let clock: any WallClock
    private let configuration: Configuration
    private let logger: Logger
    /// Wake-ups: nudges and poll ticks. Holding only the newest means any number of nudges while
    /// a round runs collapse into one more round.
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// A worker that takes messages from `queue`, hands mail to `mailer` and SMS to `smsSender`, and
    /// reads "now" from `clock`.
    public init(
        queue: any OutboxQueue,
        mailer: any Mailer,
        smsSender: any SMSSender,
        clock: any WallClock = SystemWallClock(),
        configuration: Configuration = Configuration(),
        logger: Logger
    ) {
        self.queue = queue
        self.mailer = mailer
        self.smsSender = smsSender
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a round now instead of at the next poll, e.g. right after a use case queued a mail.
    public func nudge() {
        wake.yield()
    }

    /// Runs until graceful shutdown or cancellation. Call once per worker.
    public func run() async throws {
        logger.info("outbox worker started")
        await withDiscardingTaskGroup { group in
            group.addTask { [wake, pollInterval = configuration.pollInterval] in
                while (try? await Task.sleep(for: pollInterval)) != nil {
                    wake.yield()
                }
            }
            wake.yield()
            for await _ in wakeUps.cancelOnGracefulShutdown() {
                do {
                    try await runOnce()
                } catch {
                    logger.error("outbox round failed; retrying at the next poll", metadata: ["error": "\(error)"])
                }
            }
            group.cancelAll()
        }
        logger.info("outbox worker stopped")
    }

    /// Delivers every message that is due now and returns how many were delivered and how many
    /// failed. Throws when the queue itself fails. For the service loop, tests and tools.
    @discardableResult
    public func runOnce() async throws -> Outcome {
        var outcome = Outcome()
        while !Task.isShuttingDownGracefully {
            let now = clock.now()
            let claimed = try await queue.claimDue(
                now: now, limit: configuration.batchSize,
                leaseUntil: now.addingTimeInterval(configuration.lease.timeInterval))
            var deliveredInBatch = 0
            for (index, message) in claimed.enumerated() {
                if Task.isShuttingDownGracefully {
                    try await release(claimed[index...])
                    return outcome
                }
                if try await deliver(message) { deliveredInBatch += 1 } else { outcome.failed += 1 }
            }
            outcome.delivered += deliveredInBatch
            // A short batch means nothing else is due; a batch with no success leaves the rest to
            // the next poll rather than spinning on messages that fail at once.
            if claimed.count < configuration.batchSize || deliveredInBatch == 0 { break }
        }
        return outcome
    }

    /// Delivers one claimed message and records the outcome; true when delivered.
    private func deliver(_ message: QueuedMessage) async throws -> Bool {
        var logger = self.logger
        logger[metadataKey: "message-id"] = "\(message.messageID)"
        logger[metadataKey: "outbox-id"] = "\(message.id)"
        logger[metadataKey: "attempt"] = "\(message.attempts)"
        do {
            switch message.channel {
            case .mail: try await mailer.deliver(message)
            case .sms: try await smsSender.deliver(message)
            }
        } catch {
            let retryAt = clock.now().addingTimeInterval(configuration.backoff.delay(afterAttempt: message.attempts).timeInterval)
            let text = String(String(describing: error).prefix(1000))
            logger.warning("\(message.channel.rawValue) delivery failed", metadata: ["error": "\(text)", "retry-at": "\(retryAt)"])
            try await queue.markFailed(message.id, error: text, retryAt: retryAt)
            return false
        }
        try await queue.markDelivered(message.id, at: clock.now())
        logger.debug("\(message.channel.rawValue) delivered")
        return true
    }

    /// Hands back claimed messages not attempted because of shutdown, so another instance can
    /// take them now instead of after the lease.
    private func release(_ messages: ArraySlice<QueuedMessage>) async throws {
        for message in messages {
            try await queue.markFailed(message.id, error: "not attempted: worker shut down", retryAt: clock.now())
        }
    }
}

extension Duration {
    /// The duration in seconds, for `Date` arithmetic.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
