import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Outbox queue")
struct OutboxQueueTests {
    private func enqueue(_ store: SQLStore, count: Int, at now: Date) async throws {
        try await store.transaction { tx in
            for index in 0..<count {
                try await tx.outbox.enqueue(
                    OutgoingMail(to: "to\(index)@example.jp", subject: "件名", body: "本文"), messageID: "<\(index)@sekisho.test>", at: now)
            }
        }
    }

    @Test("a claimed message is leased: no second claim until the lease ends", arguments: StoreKind.available)
    func lease(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let now = Date(unixSeconds: 1_800_000_000)
            try await enqueue(store, count: 3, at: now)
            let first = try await store.outboxQueue.claimDue(now: now, limit: 2, leaseUntil: now.addingTimeInterval(60))
            #expect(first.map(\.recipient) == ["to0@example.jp", "to1@example.jp"])
            #expect(first.allSatisfy { $0.attempts == 1 })
            let second = try await store.outboxQueue.claimDue(now: now, limit: 10, leaseUntil: now.addingTimeInterval(60))
            #expect(second.map(\.recipient) == ["to2@example.jp"])
            let expired = try await store.outboxQueue.claimDue(now: now.addingTimeInterval(61), limit: 10, leaseUntil: now.addingTimeInterval(120))
            #expect(expired.count == 3, "a worker that died loses its lease; the message goes out again")
        }
    }

    @Test("parallel claims never hand one message to two workers", arguments: StoreKind.available)
    func parallelClaims(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let now = Date(unixSeconds: 1_800_000_000)
            try await enqueue(store, count: 40, at: now)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<8 {
                    group.addTask { try await store.outboxQueue.claimDue(now: now, limit: 7, leaseUntil: now.addingTimeInterval(60)).map(\.id) }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 40)
            #expect(Set(claimed).count == 40)
        }
    }

    @Test("failed messages wait for their retry time; delivered ones are done", arguments: StoreKind.available)
    func retry(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let now = Date(unixSeconds: 1_800_000_000)
            try await enqueue(store, count: 2, at: now)
            let claimed = try await store.outboxQueue.claimDue(now: now, limit: 10, leaseUntil: now.addingTimeInterval(60))
            try await store.outboxQueue.markFailed(claimed[0].id, error: "421 try later", retryAt: now.addingTimeInterval(30))
            try await store.outboxQueue.markDelivered(claimed[1].id, at: now)
            #expect(try await store.outboxQueue.claimDue(now: now.addingTimeInterval(29), limit: 10, leaseUntil: now.addingTimeInterval(90)).isEmpty)
            let retried = try await store.outboxQueue.claimDue(now: now.addingTimeInterval(30), limit: 10, leaseUntil: now.addingTimeInterval(90))
            #expect(retried.map(\.id) == [claimed[0].id])
            #expect(retried[0].attempts == 2 && retried[0].lastError == "421 try later")
            let delivered = try #require(try await store.outboxQueue.find(claimed[1].id))
            #expect(delivered.deliveredAt == now)
        }
    }
}
