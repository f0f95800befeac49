import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Sign-in and sessions on the store")
struct SignInTests {
    private func founded(_ services: TestServices, email: String = "taro@example.jp") async throws -> Person {
        try await services.createContract.execute(TestServices.applicationForm(email: email)).1
    }

    @Test("the right password opens a new session and replaces the pre-sign-in one", arguments: StoreKind.available)
    func success(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let person = try await founded(services)
            let anonymous = try await services.sessions.startAnonymous()
            let signedIn = try await services.signIn.execute(
                email: " TARO@example.jp ", password: "correct horse battery", previous: anonymous.digest, client: TestServices.client)
            #expect(signedIn.account.person == person)
            #expect(signedIn.token != anonymous)
            #expect(try await services.sessions.resume(anonymous, client: TestServices.client) == nil)
            #expect(signedIn.stage == .twoStep, "a browser never seen before is asked for two-step verification")
            let resumed = try #require(try await services.sessions.resume(signedIn.token, client: TestServices.client))
            #expect(!resumed.isSignedIn && resumed.record.stage == .twoStep && resumed.account?.person.id == person.id)
            #expect(try await store.auditKinds().last == .signInPasswordAccepted)
        }
    }

    @Test("a session is read with its person and contract in one query, as separate reads give them", arguments: StoreKind.available)
    func sessionWithAccount(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let person = try await founded(services)
            let anonymous = try await services.sessions.startAnonymous()
            let signedIn = try await services.signIn.execute(
                email: "taro@example.jp", password: "correct horse battery", previous: anonymous.digest, client: TestServices.client)
            try await store.read { tx in
                let (session, account) = try #require(try await tx.sessions.findWithAccount(signedIn.token.digest))
                #expect(session == (try await tx.sessions.find(signedIn.token.digest)))
                #expect(account?.person == person)
                #expect(account?.contract == (try await tx.contracts.find(person.contractID)))
                #expect(try await tx.sessions.findWithAccount(SecretToken.generate().digest) == nil, "an unknown token finds nothing")
            }
            let newAnonymous = try await services.sessions.startAnonymous()
            let before = try await store.read { tx in try await tx.sessions.findWithAccount(newAnonymous.digest) }
            #expect(before?.session.personID == nil && before?.account == nil)
        }
    }

    @Test("wrong password and unknown email fail the same way and are audited", arguments: StoreKind.available)
    func failures(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            let person = try await founded(services)
            await #expect(throws: SignInRejected()) {
                try await services.signIn.execute(email: "taro@example.jp", password: "Correct horse battery", previous: nil, client: TestServices.client)
            }
            await #expect(throws: SignInRejected()) {
                try await services.signIn.execute(email: "nobody@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            }
            let events = try await store.read { try await $0.audit.recent(limit: 2, person: nil) }.map(\.event)
            #expect(events.map(\.kind) == [.signInFailed, .signInFailed])
            #expect(events[0].email == "nobody@example.jp" && events[0].personID == nil)
            #expect(events[1].personID == person.id && events[1].client == TestServices.client)
            #expect(try await store.count("sessions") == 0)
        }
    }

    /// ASVS 6.3.8: an unknown email is checked against a dummy hash with the same parameters, so it
    /// costs the one scrypt run that a wrong or a right password costs, and takes as long.
    @Test("an unknown email, a wrong password and a right one each cost exactly one scrypt run", arguments: StoreKind.available)
    func oneHashWhateverTheEmail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await founded(services)
            let pool = HashingPool(threads: 1, queueLimit: 4, niceness: 0)
            defer { pool.shutdown() }
            let signIn = SignIn(
                store: store, clock: services.clock, hasher: PasswordHasher(parameters: TestServices.cheapScrypt, pool: pool),
                settings: services.settings)
            for (email, password) in [("nobody@example.jp", "correct horse battery"), ("taro@example.jp", "wrong password"),
                                      ("taro@example.jp", "correct horse battery")] {
                let before = pool.completedJobs
                _ = try? await signIn.execute(email: email, password: password, previous: nil, client: TestServices.client)
                #expect(pool.completedJobs - before == 1, "\(email) / \(password)")
            }
        }
    }

    @Test("missing or malformed fields are form problems, not failed sign-ins")
    func formProblems() async throws {
        try await withTestStore(.sqlite) { store async throws in
            let services = TestServices(store: store)
            let errors = try await #require(throws: FormErrors.self) {
                try await services.signIn.execute(email: "", password: nil, previous: nil, client: TestServices.client)
            }
            #expect(errors.problems == ["email": .required, "password": .required])
            let malformed = try await #require(throws: FormErrors.self) {
                try await services.signIn.execute(email: "a@b", password: "x", previous: nil, client: TestServices.client)
            }
            #expect(malformed.problems == ["email": .invalidEmail])
            #expect(try await store.count("audit_log") == 0)
        }
    }

    @Test("a hash made with older parameters is replaced at sign-in", arguments: StoreKind.available)
    func rehash(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let old = TestServices(store: store)
            let person = try await founded(old)
            let stronger = TestServices(store: store, clock: old.clock, scrypt: ScryptParameters(logN: 11, blockSize: 8, parallelism: 1)!)
            _ = try await stronger.signIn.execute(email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            let stored = try #require(try await store.read { try await $0.passwords.hash(for: person.id) })
            #expect(stored.hasPrefix("$scrypt$ln=11,r=8,p=1$"))
            _ = try await stronger.signIn.execute(email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
        }
    }

    @Test("sessions end after 1 hour idle or 24 hours in all, and are touched at most once a minute", arguments: StoreKind.available)
    func timeouts(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await founded(services)
            let session = try await services.signIn.execute(email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            for _ in 0..<24 {
                services.clock.advance(by: 59 * 60)
                #expect(try await services.sessions.resume(session.token, client: TestServices.client) != nil)
            }
            services.clock.advance(by: 59 * 60)
            #expect(try await services.sessions.resume(session.token, client: TestServices.client) == nil, "24 hours after sign-in")

            let idle = try await services.signIn.execute(email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            services.clock.advance(by: 30)
            _ = try await services.sessions.resume(idle.token, client: TestServices.client)
            let untouched = try #require(try await store.read { try await $0.sessions.find(idle.token.digest) })
            #expect(untouched.lastSeenAt == untouched.createdAt)
            services.clock.advance(by: 3600)
            #expect(try await services.sessions.resume(idle.token, client: TestServices.client) == nil, "an hour idle")
        }
    }

    @Test("signing out deletes the session and is audited", arguments: StoreKind.available)
    func signOut(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await founded(services)
            let signedIn = try await services.signIn.execute(email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            let session = try #require(try await services.sessions.resume(signedIn.token, client: TestServices.client))
            try await services.signOut.execute(session, client: TestServices.client)
            #expect(try await services.sessions.resume(signedIn.token, client: TestServices.client) == nil)
            #expect(try await store.auditKinds().last == .signedOut)
        }
    }

    @Test("the sweep removes expired sessions, tickets and applications only", arguments: StoreKind.available)
    func sweep(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await services.sessions.startAnonymous()
            try await services.apply.execute(TestServices.applicationForm(email: "old@example.jp"), client: TestServices.client)
            #expect(try await services.sweep.execute() == .init(sessions: 0, tickets: 0, applications: 0))
            services.clock.advance(by: 7 * 86_400 + 1)
            let fresh = try await services.sessions.startAnonymous()
            #expect(try await services.sweep.execute() == .init(sessions: 1, tickets: 1, applications: 1))
            #expect(try await services.sessions.resume(fresh, client: TestServices.client) != nil)
        }
    }
}
