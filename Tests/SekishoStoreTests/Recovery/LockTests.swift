import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

@Suite("Account lock")
struct LockTests {
    static let email = "taro@example.jp"
    static let password = "correct horse battery"

    /// The outcome of one sign-in attempt, as the page would tell it.
    enum Outcome: Equatable {
        case signedIn, rejected, locked, throttled
    }

    static func attempt(
        _ services: TestServices, email: String = email, password: String, client: ClientInfo = TestServices.client
    ) async throws -> Outcome {
        do {
            _ = try await services.signIn.execute(email: email, password: password, previous: nil, client: client)
            return .signedIn
        } catch is SignInRejected {
            return .rejected
        } catch is AccountLocked {
            return .locked
        } catch is ClientThrottled {
            return .throttled
        }
    }

    static func founded(_ store: SQLStore) async throws -> (TestServices, Person) {
        let services = TestServices(store: store)
        let person = try await services.createContract.execute(TestServices.applicationForm(email: email)).1
        return (services, person)
    }

    static func mails(_ store: SQLStore, subject: String) async throws -> [QueuedMessage] {
        try await store.outboxQueue.recent(limit: 200).filter { $0.subject == subject }
    }

    @Test("ten wrong passwords lock; the right one is refused then; one mail with the unlock link", arguments: StoreKind.available)
    func tenWrongLock(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, person) = try await Self.founded(store)
            for _ in 1...9 { #expect(try await Self.attempt(services, password: "wrong password") == .rejected) }
            #expect(try await Self.attempt(services, password: "wrong password") == .locked, "the tenth failure shows the lock")
            #expect(try await Self.attempt(services, password: Self.password) == .locked)
            let mails = try await Self.mails(store, subject: "【コーデックストレージ】アカウントロック")
            #expect(mails.count == 1 && mails[0].recipient == Self.email)
            #expect(mails[0].body.contains("山田 太郎 様") && mails[0].body.contains("http://127.0.0.1:8080/lo/unblock?ticket="))
            #expect(mails[0].body.contains("本受領後7日間"))
            let events = try await store.read { try await $0.audit.recent(limit: 100, person: person.id) }.map(\.event.kind)
            #expect(events.filter { $0 == .signInFailed }.count == 10)
            #expect(events.filter { $0 == .accountLocked }.count == 1)
            #expect(events.first == .signInRefusedLocked)
            #expect(try await store.read { try await $0.signInFailures.isLocked(Self.email) })
        }
    }

    @Test("a right password before the tenth failure starts the count again", arguments: StoreKind.available)
    func successResets(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await Self.founded(store)
            for _ in 1...9 { _ = try await Self.attempt(services, password: "wrong password") }
            #expect(try await Self.attempt(services, password: Self.password) == .signedIn)
            for _ in 1...9 { #expect(try await Self.attempt(services, password: "wrong password") == .rejected) }
            #expect(try await Self.attempt(services, password: Self.password) == .signedIn)
            #expect(try await Self.mails(store, subject: "【コーデックストレージ】アカウントロック").isEmpty)
        }
    }

    @Test("an email without an account locks the same way and gets no mail", arguments: StoreKind.available)
    func unknownEmailLocks(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await Self.founded(store)
            var outcomes: [Outcome] = []
            for _ in 1...11 { outcomes.append(try await Self.attempt(services, email: "nobody@example.jp", password: "wrong password")) }
            #expect(outcomes == Array(repeating: .rejected, count: 9) + [.locked, .locked])
            #expect(try await store.outboxQueue.recent(limit: 10).isEmpty)
            #expect(try await store.auditKinds().contains(.accountLocked))
        }
    }

    @Test("50 wrong passwords at once: exactly 10 are checked, one lock, one mail", arguments: StoreKind.available)
    func parallelWrongAttempts(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await Self.founded(store)
            try await Self.expectExactLock(stores: [store], services: [services])
        }
    }

    @Test("two instances on one database lock at exactly 10 as well", arguments: StoreKind.available)
    func twoInstances(kind: StoreKind) async throws {
        try await withTestStores(kind, instances: 2) { stores async throws in
            let (first, _) = try await Self.founded(stores[0])
            try await Self.expectExactLock(stores: stores, services: first.onEach(stores))
        }
    }

    /// Sends 50 wrong passwords at once, spread over `services`, and checks the count on the first store.
    static func expectExactLock(stores: [SQLStore], services: [TestServices]) async throws {
        let outcomes = await withTaskGroup(of: Result<Outcome, any Error>.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do { return .success(try await attempt(services[index % services.count], password: "wrong \(index)")) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: [Result<Outcome, any Error>]()) { $0.append($1) }
        }
        let answers = outcomes.compactMap { try? $0.get() }
        #expect(answers.count == 50, "failed: \(outcomes.compactMap { if case .failure(let error) = $0 { "\(error)" } else { nil } })")
        #expect(answers.allSatisfy { $0 == .rejected || $0 == .locked })
        let kinds = try await stores[0].auditKinds()
        #expect(kinds.filter { $0 == .signInFailed }.count == 10, "never an 11th password checked")
        #expect(kinds.filter { $0 == .signInRefusedLocked }.count == 40)
        #expect(kinds.filter { $0 == .accountLocked }.count == 1)
        #expect(try await mails(stores[0], subject: "【コーデックストレージ】アカウントロック").count == 1)
        #expect(try await stores[0].count("sign_in_failures") == 1)
    }

    @Test("an attempt the hashing pool turns away (503) does not count towards the lock", arguments: StoreKind.available)
    func busyPoolDoesNotCount(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (founding, _) = try await Self.founded(store)
            let pool = HashingPool(threads: 1, queueLimit: 0)
            defer { pool.shutdown() }
            let busy = PasswordHasher(parameters: TestServices.cheapScrypt, pool: pool)
            let signIn = SignIn(store: store, clock: founding.clock, hasher: busy, settings: founding.settings)
            let refusals = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await signIn.execute(email: Self.email, password: "wrong \(index)", previous: nil, client: TestServices.client)
                        } catch is HashingPoolBusy {
                            return true
                        } catch {}
                        return false
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            let kinds = try await store.auditKinds()
            let checked = kinds.filter { $0 == .signInFailed }.count
            let refusedLocked = kinds.filter { $0 == .signInRefusedLocked }.count
            #expect(refusals + checked + refusedLocked == 20, "every attempt is turned away, checked or refused")
            let counts = try #require(try await store.backend.withReader { db in
                try await db.raw("SELECT attempts, failures, locked_at FROM sign_in_failures").first()
            })
            let failures = try counts.decode(column: "failures", as: Int.self)
            let attempts = try counts.decode(column: "attempts", as: Int.self)
            let locked = try counts.decode(column: "locked_at", as: Int64?.self) != nil
            #expect(failures == checked && attempts == failures, "only checked passwords count (\(refusals) turned away)")
            #expect(locked == (failures == 10))
        }
    }

    @Test("a right password racing wrong ones never gets in once the lock is set", arguments: StoreKind.available)
    func rightPasswordDuringLock(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (services, _) = try await Self.founded(store)
            for _ in 1...9 { _ = try await Self.attempt(services, password: "wrong password") }
            let outcomes = await withTaskGroup(of: Outcome?.self) { group in
                group.addTask { try? await Self.attempt(services, password: Self.password) }
                group.addTask { try? await Self.attempt(services, password: "wrong password") }
                return await group.reduce(into: [Outcome?]()) { $0.append($1) }
            }
            let locked = try await store.read { try await $0.signInFailures.isLocked(Self.email) }
            // Either order is possible; what is never possible is a lock and a sign-in together.
            #expect(locked != outcomes.contains(.signedIn))
        }
    }
}
