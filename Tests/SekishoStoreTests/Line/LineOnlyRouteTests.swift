import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Line authentication: the 「回線認証」 route on every pathway (SPEC D5, D7)")
struct LineOnlyRouteTests {
    @Test("after the switch, internet sessions stop, internet sign-in is refused after the password, lines still work",
          arguments: StoreKind.available)
    func enforcement(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            let member = try await fixture.admin.member("hanako@example.jp")
            let before = try await fixture.signIn(member.person.email.value, over: LineFixture.internet)
            #expect(try await fixture.services.sessions.resume(before.token, client: LineFixture.internet) != nil)

            try await fixture.save(.lineOnly, numbers: LineFixture.office)
            #expect(try await fixture.refusal {
                _ = try await fixture.services.sessions.resume(before.token, client: LineFixture.internet)
            } == .lineOnly, "a session opened over the internet stops at its next request")
            #expect(try await fixture.services.sessions.resume(before.token, client: LineFixture.internet) == nil)

            #expect(try await fixture.refusal { _ = try await fixture.signIn(member.person.email.value, over: LineFixture.internet) } == .lineOnly)
            await #expect(throws: SignInRejected(), "a wrong password reveals nothing about the route") {
                try await fixture.services.signIn.execute(email: "hanako@example.jp", password: "wrong password", previous: nil, client: LineFixture.internet)
            }
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: LineFixture.internet) } == .lineOnly,
                    "the contractor's portal too")
            let overLine = try await fixture.signIn(member.person.email.value, over: LineFixture.over(LineFixture.office))
            #expect(overLine.stage == .signedIn)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: LineFixture.over("CAF9999999999")) } == .unregistered)

            let other = try await fixture.admin.member("jiro.member@example.jp", of: fixture.admin.other)
            #expect(try await fixture.signIn(other.person.email.value, over: LineFixture.internet).stage == .twoStep,
                    "other contracts are not affected")
        }
    }

    @Test("the contractor's contract menu stays open over the internet for the route only; switching back lets the internet in again",
          arguments: StoreKind.available)
    func escapeHatch(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            let member = try await fixture.admin.member("hanako@example.jp", admin: true)
            try await fixture.save(.lineOnly, numbers: "CAF0000000000")
            #expect(try await fixture.signIn(scope: .contractMenu, over: LineFixture.internet).stage == .twoStep,
                    "the contractor's contract menu sign-in is not refused (its two-step still applies)")
            #expect(try await fixture.refusal {
                _ = try await fixture.signIn(member.person.email.value, scope: .contractMenu, over: LineFixture.internet)
            } == .lineOnly, "only the contractor's")

            let token = SecretToken.generate()
            let now = fixture.services.clock.now()
            try await store.transaction { tx in
                try await tx.sessions.insert(SessionRecord(
                    digest: token.digest, personID: fixture.contractor.person.id, stage: .signedIn, scope: .contractMenu, createdAt: now,
                    lastSeenAt: now))
            }
            let menuSession = try #require(try await fixture.services.sessions.resume(token, client: LineFixture.internet))
            let menu = try #require(menuSession.account)
            #expect(menu.isLimitedToRouteSetting)
            #expect(ContractMenu.items(for: menu) == [.planAndRoute, .top])
            await #expect(throws: ContractMenuRefused()) {
                try await fixture.services.changePassword.execute(
                    in: menuSession, current: AdminFixture.password, password: "another long passphrase",
                    confirmation: "another long passphrase", client: LineFixture.internet)
            }
            let overLine = try #require(try await fixture.services.sessions.resume(token, client: LineFixture.over("CAF0000000000"))?.account)
            #expect(!overLine.isLimitedToRouteSetting, "over a registered line the whole menu is there")

            try await ChangePlanAndRoute(store: store, clock: fixture.services.clock).setRoute("line+internet", by: menu, client: LineFixture.internet)
            #expect(try await fixture.signIn(member.person.email.value, over: LineFixture.internet).stage == .twoStep)
            let routeEvent = try await store.read { try await $0.audit.recent(limit: 5, person: nil) }.map(\.event)
                .first { $0.kind == .accessRouteChanged }
            #expect(routeEvent?.detail == "from=line-only,to=line+internet")
        }
    }

    @Test("a line-only contract's mail links work over its registered lines only; a refused link stays usable", arguments: StoreKind.available)
    func mailLinks(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            let member = try await fixture.admin.member("hanako@example.jp")
            try await fixture.save(.lineOnly, numbers: LineFixture.office)

            try await PasswordResetTests.request(fixture.services, "hanako@example.jp")
            let mail = try #require(try await LockTests.mails(store, subject: PasswordResetTests.resetSubject).first)
            #expect(mail.body.contains("https://line.example.jp/lo/reset?ticket="), "the link leads to the line entrance, where it works")
            let reset = try #require(try await store.latestTicket(to: "hanako@example.jp"))
            let resetPassword = fixture.services.resetPassword
            #expect(try await fixture.refusal { _ = try await resetPassword.preview(ticket: reset, client: LineFixture.internet) } == .lineOnly)
            #expect(try await fixture.refusal {
                try await resetPassword.execute(ticket: reset, password: "a brand new passphrase", confirmation: "a brand new passphrase",
                                                client: LineFixture.internet)
            } == .lineOnly)
            #expect(try await fixture.refusal { _ = try await resetPassword.preview(ticket: reset, client: LineFixture.over("CAF0000000000")) }
                    == .unregistered)
            #expect(try await resetPassword.preview(ticket: reset, client: LineFixture.over(LineFixture.office)) == member.person,
                    "the refused attempts used nothing")
            try await resetPassword.execute(
                ticket: reset, password: "a brand new passphrase", confirmation: "a brand new passphrase", client: LineFixture.over(LineFixture.office))

            try await fixture.services.invitations.invite(name: "鈴木 一郎", email: "ichiro@example.jp", admin: false, by: fixture.contractor,
                                                          client: LineFixture.internet)
            let invitation = try #require(try await store.latestTicket(to: "ichiro@example.jp"))
            #expect(try await fixture.refusal {
                _ = try await fixture.services.invitedRegistration.preview(ticket: invitation, client: LineFixture.internet)
            } == .lineOnly)
            #expect(try await fixture.services.invitedRegistration.preview(ticket: invitation, client: LineFixture.over(LineFixture.office))
                .person.email.value == "ichiro@example.jp")

            try await fixture.services.emailChange.request(
                person: member.person.id.rawValue, email: "hanako.new@example.jp", by: fixture.contractor, client: LineFixture.internet)
            let change = try #require(try await store.latestTicket(to: "hanako.new@example.jp"))
            #expect(try await fixture.refusal { _ = try await fixture.services.emailChange.preview(ticket: change, client: LineFixture.internet) }
                    == .lineOnly)

            try await UnlockAndThrottleTests.lock(fixture.services, email: "hanako@example.jp")
            let unlockMail = try #require(try await LockTests.mails(store, subject: "【コーデックストレージ】アカウントロック").first)
            #expect(unlockMail.body.contains("https://line.example.jp/lo/unblock?ticket="))
            let unlock = try #require(try await store.latestTicket(to: "hanako@example.jp"))
            #expect(try await fixture.refusal { _ = try await fixture.services.unlock.preview(ticket: unlock, client: LineFixture.internet) } == .lineOnly)
            #expect(try await fixture.refusal { try await fixture.services.unlock.execute(ticket: unlock, client: LineFixture.internet) } == .lineOnly)
            try await fixture.services.unlock.execute(ticket: unlock, client: LineFixture.over(LineFixture.office))
            let signedIn = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: "a brand new passphrase", previous: nil, client: LineFixture.over(LineFixture.office))
            #expect(signedIn.stage == .signedIn, "unlocked by the link over the line")
        }
    }
}
