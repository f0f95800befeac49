import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("A person's own sessions (ASVS 7.5.2, 7.4.3)")
struct OwnSessionsTests {
    @Test("the signed-in sessions are listed, newest first, without half-way or expired ones; ending the others keeps only this one",
          arguments: StoreKind.available)
    func listAndEndOthers(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator()
            let person = fixture.person.id
            let now = fixture.now
            let menu = SessionRecord(
                digest: SecretToken.generate().digest, personID: person, stage: .signedIn, scope: .contractMenu,
                createdAt: now.addingTimeInterval(-600), lastSeenAt: now.addingTimeInterval(-60))
            let idle = SessionRecord(
                digest: SecretToken.generate().digest, personID: person, stage: .signedIn,
                createdAt: now.addingTimeInterval(-7_200), lastSeenAt: now.addingTimeInterval(-3_600))
            let (halfWay, _) = try await fixture.signIn()
            try await store.transaction { tx in
                try await tx.sessions.insert(menu)
                try await tx.sessions.insert(idle)
            }
            let sessions = fixture.services.sessions
            let current = try await fixture.resume(completion.session)
            let listed = try await sessions.signedIn(of: person)
            #expect(listed.map(\.digest) == [current.record.digest, menu.digest], "the expired and the half-way sessions are not shown")

            #expect(try await sessions.endOthers(current, client: fixture.client) == 3)
            #expect(try await sessions.signedIn(of: person).map(\.digest) == [current.record.digest])
            #expect(try await sessions.resume(halfWay.token, client: fixture.client) == nil)
            let ended = try await store.read { try await $0.audit.recent(limit: 5, person: person) }.map(\.event)
                .first { $0.kind == .sessionsEnded }
            #expect(ended?.detail == "by=self,sessions=3")
        }
    }

    @Test("one session ends by its handle; never the one in use, never another person's; each names its browser",
          arguments: StoreKind.available)
    func endOne(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator()
            let sessions = fixture.services.sessions
            let current = try await fixture.resume(completion.session)
            #expect(current.record.browser == BrowserLabel.from(userAgent: fixture.client.userAgent))
            fixture.nextStep()
            let (_, partial) = try await fixture.signIn()
            guard case .signedIn(let second) = try await fixture.twoStep.verifyAuthenticatorCode(
                partial, code: try await fixture.code(), remember: false, client: fixture.client)
            else { throw TwoStepOutOfOrder() }
            let hanako = try await fixture.services.createContract.execute(TestServices.applicationForm(email: "hanako@example.jp")).1
            let hers = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: fixture.password, previous: nil, client: fixture.client)
            let hersRecord = try #require(try await store.read { try await $0.sessions.find(hers.token.digest) })
            #expect(hersRecord.personID == hanako.id)

            #expect(try await !sessions.endOne(current.record.handle, from: current, client: fixture.client), "not the one in use")
            #expect(try await !sessions.endOne(hersRecord.handle, from: current, client: fixture.client), "not another person's")
            #expect(try await !sessions.endOne("not-a-handle", from: current, client: fixture.client))
            let secondRecord = try await fixture.resume(second.session).record
            #expect(try await sessions.endOne(secondRecord.handle, from: current, client: fixture.client))
            #expect(try await sessions.resume(second.session, client: fixture.client) == nil)
            #expect(try await sessions.resume(completion.session, client: fixture.client) != nil)
            #expect(try await sessions.resume(hers.token, client: fixture.client) != nil)
            #expect(try await !sessions.endOne(secondRecord.handle, from: current, client: fixture.client), "once")
        }
    }

    @Test("after ten minutes ending sessions needs the password again (ASVS 7.5.2); nothing ends before it",
          arguments: StoreKind.available)
    func endingNeedsARecentSignIn(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await TwoStepFixture.make(store)
            let (_, completion) = try await fixture.enrolAuthenticator()
            let sessions = fixture.services.sessions
            let other = SessionRecord(
                digest: SecretToken.generate().digest, personID: fixture.person.id, stage: .signedIn, createdAt: fixture.now, lastSeenAt: fixture.now)
            try await store.transaction { tx in try await tx.sessions.insert(other) }
            fixture.services.clock.advance(by: RecentSignIn.window)
            let current = try await fixture.resume(completion.session)
            await #expect(throws: RecentSignInRequired()) { try await sessions.endOne(other.handle, from: current, client: fixture.client) }
            await #expect(throws: RecentSignInRequired()) { _ = try await sessions.endOthers(current, client: fixture.client) }
            #expect(try await sessions.signedIn(of: fixture.person.id).count == 2)

            let token = try await fixture.services.recentSignIn.confirm(
                current, password: fixture.password, code: try await fixture.code(), client: fixture.client)
            #expect(try await sessions.endOne(other.handle, from: try await fixture.resume(token), client: fixture.client))
        }
    }
}
