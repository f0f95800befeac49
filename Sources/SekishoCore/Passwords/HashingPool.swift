import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of threads for CPU-heavy work (password hashing), with a bounded waiting line.
///
/// Swift's cooperative pool and the event loops must never block for the ~100 ms a hash takes, and
/// scrypt's memory (16 MiB each) must be capped: `threads` bounds both. Work beyond `queueLimit`
/// waiting jobs is refused at once with ``HashingPoolBusy`` so a sign-in storm cannot pile up memory.
/// The threads run at a lower priority (nice 10 on Linux by default), so that during a storm the
/// event loops and page requests get the cores first and hashing takes what is left.
public final class HashingPool: @unchecked Sendable {
    public let threadCount: Int
    public let queueLimit: Int

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var running = 0
    private var completed = 0
    private var stopping = false

    /// `niceness` 0 keeps the threads at normal priority: for a process whose other work must not
    /// starve the hashes, such as a test run that fills the cores on its own.
    public init(threads: Int, queueLimit: Int, niceness: Int32 = 10) {
        precondition(threads > 0 && queueLimit >= 0)
        self.threadCount = threads
        self.queueLimit = queueLimit
        for index in 0..<threads {
            let thread = Thread { [self] in
                Self.lowerPriority(to: niceness)
                workerLoop()
            }
            thread.name = "sekisho-hash-\(index)"
            thread.start()
        }
    }

    /// Jobs run to the end since the pool started: what a test counts to see how many hashes a
    /// request cost (an unknown email must cost what a wrong password does).
    public var completedJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return completed
    }

    /// The number of cores, the default size: more threads would only share them.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let job: @Sendable () -> Void = { [self] in
                let result = Result { try work() }
                // The slot is free before the caller resumes, so a caller that submits again at once is not refused.
                finished()
                continuation.resume(with: result)
            }
            condition.lock()
            defer { condition.unlock() }
            guard !stopping else {
                continuation.resume(throwing: HashingPoolBusy())
                return
            }
            guard jobs.count - head + running < threadCount + queueLimit else {
                continuation.resume(throwing: HashingPoolBusy())
                return
            }
            jobs.append(job)
            condition.signal()
        }
    }

    /// Lets the threads finish the queued jobs and exit.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Linux keeps a nice value per thread; `0` names the calling thread.
    private static func lowerPriority(to niceness: Int32) {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }

    private func workerLoop() {
        while let job = nextJob() { job() }
    }

    private func finished() {
        condition.lock()
        running -= 1
        completed += 1
        condition.unlock()
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopping { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        running += 1
        if head > 64, head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}

/// Thrown when more hashes are waiting than the pool accepts; the web layer answers 503.
public struct HashingPoolBusy: Error, Sendable {}
