import Foundation
import Logging
import SekishoCore
import SekishoTestSupport
import SekishoDelivery
import ServiceLifecycle
import Testing

@Suite("OutboxWorker", .timeLimit(.minutes(1)))
struct OutboxWorkerTests {
    let clock = FixedClock()
    let queue = InMemoryOutboxQueue()

    func worker(_ mailer: RecordingMailer, sms: RecordingMailer = RecordingMailer(), pollInterval: Duration = .seconds(2)) -> OutboxWorker {
        OutboxWorker(
            queue: queue, mailer: mailer, smsSender: sms, clock: clock,
            configuration: .init(pollInterval: pollInterval), logger: Logger(label: "test"))
    }

    @Test("a failed delivery waits out the backoff, then is delivered")
    func retryAfterBackoff() async throws {
        let mailer = RecordingMailer(failures: 1)
        let worker = worker(mailer)
        let start = clock.now()
        await queue.add(Sample.queued(attempts: 0), due: start)

        #expect(try await worker.runOnce() == .init(delivered: 0, failed: 1))
        let failed = try #require(await queue.entry(42))
        #expect(failed.retryAt == start.addingTimeInterval(30))
        #expect(failed.mail.deliveredAt == nil)
        #expect(failed.mail.lastError?.hasPrefix("transient") == true)

        #expect(try await worker.runOnce() == .init())
        clock.advance(by: 29)
        #expect(try await worker.runOnce() == .init())
        clock.advance(by: 1)
        #expect(try await worker.runOnce() == .init(delivered: 1, failed: 0))

        let delivered = try #require(await queue.entry(42))
        #expect(delivered.mail.deliveredAt == clock.now())
        #expect(mailer.attempts.map(\.attempts) == [1, 2])
        #expect(mailer.attempts.map(\.messageID) == ["<42.test@example.jp>", "<42.test@example.jp>"])
    }

    @Test("the wait doubles with each failed attempt")
    func backoffDoubles() async throws {
        let worker = worker(RecordingMailer(failures: 2))
        await queue.add(Sample.queued(attempts: 0), due: clock.now())

        try await worker.runOnce()
        clock.advance(by: 30)
        try await worker.runOnce()
        #expect(await queue.entry(42)?.retryAt == clock.now().addingTimeInterval(60))
    }

    @Test("backoff is 30 s × 2^(attempts − 1), at most one hour")
    func backoffSchedule() {
        let backoff = RetryBackoff()
        #expect([0, 1, 2, 3, 7, 8, 9, 500].map { backoff.delay(afterAttempt: $0) }
            == [30, 30, 60, 120, 1920, 3600, 3600, 3600].map { Duration.seconds($0) })
    }

    @Test("one run delivers everything due, across several batches, and loses nothing")
    func deliversAllDue() async throws {
        let mailer = RecordingMailer()
        let worker = worker(mailer)
        for id in 1...45 { await queue.add(Sample.queued(id: Int64(id), attempts: 0), due: clock.now()) }
        await queue.add(Sample.queued(id: 99, attempts: 0), due: clock.now().addingTimeInterval(1))

        #expect(try await worker.runOnce() == .init(delivered: 45, failed: 0))
        #expect(Set(mailer.deliveredMails.map(\.id)) == Set(1...45))
        #expect(await queue.entry(99)?.mail.deliveredAt == nil)
    }

    @Test("mail goes to the mailer and SMS to the SMS sender")
    func routesByChannel() async throws {
        let mailer = RecordingMailer()
        let sms = RecordingMailer()
        await queue.add(Sample.queued(id: 1, attempts: 0), due: clock.now())
        await queue.add(Sample.queued(id: 2, channel: .sms, to: "+819012345678", subject: "", body: "code", attempts: 0), due: clock.now())

        #expect(try await worker(mailer, sms: sms).runOnce() == .init(delivered: 2, failed: 0))
        #expect(mailer.deliveredMails.map(\.id) == [1])
        #expect(sms.deliveredMails.map(\.recipient) == ["+819012345678"])
    }

    @Test("runOnce reports a failing queue")
    func queueFailureThrows() async throws {
        let worker = worker(RecordingMailer())
        await queue.failNextClaims(1)
        await #expect(throws: InMemoryOutboxQueue.DatabaseDown.self) { try await worker.runOnce() }
    }

    @Test("the service survives a failing queue, delivers after a nudge and stops when cancelled")
    func serviceLoop() async throws {
        let mailer = RecordingMailer()
        // The poll interval is far away: only the first round and the nudge drive the worker.
        let worker = worker(mailer, pollInterval: .seconds(3600))
        await queue.add(Sample.queued(attempts: 0), due: clock.now())
        await queue.failNextClaims(1)
        let claims = await queue.claims()

        let service = Task { try await worker.run() }
        var claimed = claims.makeAsyncIterator()
        await claimed.next()  // the first round, whose claim fails
        worker.nudge()
        var delivered = mailer.delivered.makeAsyncIterator()
        #expect(await delivered.next()?.id == 42)

        service.cancel()
        try await service.value
        #expect(await queue.entry(42)?.mail.deliveredAt != nil)
    }

    @Test("graceful shutdown of the service group ends the worker without cancelling it")
    func gracefulShutdown() async throws {
        let mailer = RecordingMailer()
        let worker = worker(mailer, pollInterval: .seconds(3600))
        await queue.add(Sample.queued(attempts: 0), due: clock.now())
        let group = ServiceGroup(configuration: .init(services: [worker], logger: Logger(label: "test")))

        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            var delivered = mailer.delivered.makeAsyncIterator()
            #expect(await delivered.next()?.id == 42)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
