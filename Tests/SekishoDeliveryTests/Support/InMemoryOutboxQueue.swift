import Foundation
import SekishoCore

/// The outbox as the store keeps it, in memory: claiming leases a message and counts an attempt.
actor InMemoryOutboxQueue: OutboxQueue {
    struct Entry {
        var mail: QueuedMessage
        var retryAt: Date
        var leaseUntil: Date?
    }

    private(set) var entries: [Int64: Entry] = [:]
    /// Makes the next `claimDue` calls throw, as a database that is down would.
    var failingClaims = 0
    private var claimObservers: [AsyncStream<Void>.Continuation] = []

    struct DatabaseDown: Error {}

    func add(_ mail: QueuedMessage, due: Date) {
        entries[mail.id] = Entry(mail: mail, retryAt: due, leaseUntil: nil)
    }

    func failNextClaims(_ count: Int) { failingClaims = count }

    /// Yields each time `claimDue` is called.
    func claims() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        claimObservers.append(continuation)
        return stream
    }

    func entry(_ id: Int64) -> Entry? { entries[id] }

    func claimDue(now: Date, limit: Int, leaseUntil: Date) async throws -> [QueuedMessage] {
        claimObservers.forEach { $0.yield() }
        if failingClaims > 0 {
            failingClaims -= 1
            throw DatabaseDown()
        }
        let due = entries.values
            .filter { $0.mail.deliveredAt == nil && $0.retryAt <= now && ($0.leaseUntil ?? .distantPast) <= now }
            .sorted { $0.mail.id < $1.mail.id }
            .prefix(limit)
        return due.map { entry in
            var entry = entry
            entry.mail = entry.mail.with(attempts: entry.mail.attempts + 1)
            entry.leaseUntil = leaseUntil
            entries[entry.mail.id] = entry
            return entry.mail
        }
    }

    func markDelivered(_ id: Int64, at now: Date) async throws {
        guard var entry = entries[id] else { return }
        entry.mail = entry.mail.with(deliveredAt: now)
        entry.leaseUntil = nil
        entries[id] = entry
    }

    func markFailed(_ id: Int64, error: String, retryAt: Date) async throws {
        guard var entry = entries[id] else { return }
        entry.mail = entry.mail.with(lastError: error)
        entry.retryAt = retryAt
        entry.leaseUntil = nil
        entries[id] = entry
    }

    func recent(limit: Int) async throws -> [QueuedMessage] {
        Array(entries.values.map(\.mail).sorted { $0.id > $1.id }.prefix(limit))
    }

    func find(_ id: Int64) async throws -> QueuedMessage? { entries[id]?.mail }
}

extension QueuedMessage {
    func with(attempts: Int? = nil, deliveredAt: Date? = nil, lastError: String? = nil) -> QueuedMessage {
        QueuedMessage(
            id: id, messageID: messageID, channel: channel, recipient: recipient, subject: subject, body: body,
            createdAt: createdAt, attempts: attempts ?? self.attempts,
            deliveredAt: deliveredAt ?? self.deliveredAt, lastError: lastError ?? self.lastError)
    }
}
