import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Unlock link, address throttle and the sweep of counts")
struct UnlockAndThrottleTests {
    static func lock(_ services: TestServices, email: String = LockTests.email) async throws {
        for _ in 1...10 { _ = try await LockTests.attempt(services, email: email, password: "wrong password") }
    }

    @Test("the unlock link shows whose account it is, unlocks once, and then sign-in works", arguments: StoreKind.available)
    func unlockLink(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, person) = try await LockTests.founded(store)
            try await Self.lock(services)
            let ticket = try #require(try await store.latestTicket(to: LockTests.email))
            #expect(try await services.unlock.preview(ticket: ticket, client: TestServices.client) == person)
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .locked, "opening the page changes nothing")
            let wins = await TwoStepFixture.successes(Array(repeating: ticket, count: 5)) { ticket in
                try await services.unlock.execute(ticket: ticket, client: TestServices.client)
            }
            #expect(wins == 1, "the same link submitted at once unlocks exactly once")
            await #expect(throws: TicketRejected()) { try await services.unlock.preview(ticket: ticket, client: TestServices.client) }
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .signedIn)
            let unlocked = try await store.read { try await $0.audit.recent(limit: 100, person: person.id) }
                .map(\.event).filter { $0.kind == .accountUnlocked }
            #expect(unlocked.map(\.detail) == ["by=link"])
        }
    }

    @Test("unlock links: expired, malformed, of another purpose or replaced by a newer lock are refused", arguments: StoreKind.available)
    func unusableUnlockLinks(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            try await Self.lock(services)
            let ticket = try #require(try await store.latestTicket(to: LockTests.email))
            for bad in [nil, "", "short", String(repeating: "A", count: 44), String(repeating: "A", count: 10_000), ticket + "x"] {
                await #expect(throws: TicketRejected()) { try await services.unlock.execute(ticket: bad, client: TestServices.client) }
            }
            await #expect(throws: TicketRejected(), "an unlock link is not a reset link") {
                try await services.resetPassword.preview(ticket: ticket, client: TestServices.client)
            }
            services.clock.advance(by: 7 * 86_400 + 1)
            await #expect(throws: TicketRejected()) { try await services.unlock.execute(ticket: ticket, client: TestServices.client) }
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .locked, "an expired link leaves the lock")
        }
    }

    @Test("many failures from one address across many emails throttle that address only", arguments: StoreKind.available)
    func addressThrottle(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store, lockout: LockoutPolicy(addressFailureLimit: 5))
            _ = try await services.createContract.execute(TestServices.applicationForm(email: LockTests.email))
            let stuffer = ClientInfo(address: "203.0.113.9", userAgent: "bot")
            for index in 1...5 {
                #expect(try await LockTests.attempt(services, email: "victim\(index)@example.jp", password: "x", client: stuffer) == .rejected)
            }
            #expect(try await LockTests.attempt(services, password: LockTests.password, client: stuffer) == .throttled)
            await #expect(throws: ClientThrottled.self) {
                try await services.requestReset.execute(email: LockTests.email, client: stuffer)
            }
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .signedIn, "other addresses are not slowed")
            let kinds = try await store.auditKinds()
            #expect(kinds.filter { $0 == .requestThrottled }.count == 2)
            services.clock.advance(by: 600)
            #expect(try await LockTests.attempt(services, password: LockTests.password, client: stuffer) == .signedIn)
        }
    }

    @Test("the sweep forgets old counts after 30 days and every lock after a year, a person's as an unknown email's (ASVS 6.3.8)",
          arguments: StoreKind.available)
    func sweep(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await LockTests.founded(store)
            try await Self.lock(services)
            try await Self.lock(services, email: "nobody@example.jp")
            _ = try await LockTests.attempt(services, email: "someone@example.jp", password: "wrong password")
            services.clock.advance(by: 30 * 86_400 + 1)
            #expect(try await services.sweep.execute().signInFailures == 1, "only the count below the lock")
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .locked)
            #expect(try await LockTests.attempt(services, email: "nobody@example.jp", password: "x") == .locked, "the same answer a month on")
            services.clock.advance(by: 335 * 86_400)
            #expect(try await services.sweep.execute().signInFailures == 2)
            #expect(try await LockTests.attempt(services, password: LockTests.password) == .signedIn)
            #expect(try await LockTests.attempt(services, email: "nobody@example.jp", password: "x") == .rejected)
        }
    }

    @Test("a new account does not inherit attempts made on its address before", arguments: StoreKind.available)
    func newAccountStartsClean(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            try await Self.lock(services, email: "hanako@example.jp")
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "hanako@example.jp"))
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: LockTests.password) == .signedIn)
        }
    }
}
