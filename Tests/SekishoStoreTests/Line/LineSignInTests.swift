import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Line authentication: the line entrance (SPEC D2–D4)")
struct LineSignInTests {
    @Test("over a registered line the password sign-in skips two-step; the session then works over a registered line only",
          arguments: StoreKind.available)
    func lineReplacesTwoStep(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            try await fixture.save(.lineAndInternet, numbers: "caf-1234-567890")
            let signedIn = try await fixture.signIn(over: LineFixture.over(LineFixture.office))
            #expect(signedIn.stage == .signedIn, "no two-step screen")
            let session = try #require(try await fixture.services.sessions.resume(signedIn.token, client: LineFixture.over(LineFixture.office)))
            #expect(session.isSignedIn && session.record.line?.value == LineFixture.office)
            let event = try #require(try await fixture.lastAudit())
            #expect(event.kind == .signInSucceeded && event.detail?.contains("two_step=line,line=\(LineFixture.office)") == true)

            #expect(try await fixture.refusal {
                _ = try await fixture.services.sessions.resume(signedIn.token, client: LineFixture.internet)
            } == .noLine, "the cookie replayed over the internet")
            #expect(try await fixture.services.sessions.resume(signedIn.token, client: LineFixture.over(LineFixture.office)) == nil,
                    "a refused session has ended")

            let internet = try await fixture.signIn(over: LineFixture.internet)
            #expect(internet.stage == .twoStep, "over the internet, 回線認証+インターネット keeps two-step")
        }
    }

    /// A bug found while giving sessions their browsers: the contract menu's 「パスワードを再入力」
    /// replaced a line session with one that was bound to no line, so the new cookie worked over the
    /// internet without two-step.
    @Test("the contract menu's password again keeps a line session a line session", arguments: StoreKind.available)
    func reauthenticationKeepsTheLine(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            try await fixture.save(.lineAndInternet, numbers: LineFixture.office)
            let overLine = LineFixture.over(LineFixture.office)
            let signedIn = try await fixture.signIn(scope: .contractMenu, over: overLine)
            #expect(signedIn.stage == .signedIn)
            let session = try #require(try await fixture.services.sessions.resume(signedIn.token, client: overLine))
            let renewed = try await fixture.services.recentSignIn.confirm(session, password: AdminFixture.password, code: nil, client: overLine)
            let record = try #require(try await fixture.services.sessions.resume(renewed, client: overLine)).record
            #expect(record.line?.value == LineFixture.office && record.browser == session.record.browser)
            #expect(try await fixture.refusal {
                _ = try await fixture.services.sessions.resume(renewed, client: LineFixture.internet)
            } == .noLine, "the renewed cookie replayed over the internet")
        }
    }

    @Test("at the line entrance an unregistered line, or none, is refused after the password; a wrong password stays just wrong",
          arguments: StoreKind.available)
    func unregisteredLine(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: LineFixture.over(LineFixture.office)) } == .unregistered,
                    "the contract has no line")
            try await fixture.save(.lineAndInternet, numbers: LineFixture.office)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: LineFixture.over("CAF0000000000")) } == .unregistered)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: LineFixture.entranceWithoutLine) } == .noLine)
            await #expect(throws: SignInRejected()) {
                try await fixture.services.signIn.execute(
                    email: "taro@example.jp", password: "wrong password", previous: nil, client: LineFixture.over("CAF0000000000"))
            }
            #expect(try await store.count("sessions") == 0, "no refused sign-in leaves a session")
            let other = try await fixture.admin.member("jiro.member@example.jp", of: fixture.admin.other)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(other.person.email.value, over: LineFixture.over(LineFixture.office)) }
                    == .unregistered, "another contract's line is not theirs")
        }
    }

    @Test("a West-area line asks for the notice once: 通知する completes the sign-in, 通知しない refuses the line until it is registered again",
          arguments: StoreKind.available)
    func westNotice(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            try await fixture.save(.lineAndInternet, numbers: "\(LineFixture.office)\n\(LineFixture.westOffice)")
            let west = LineFixture.over(LineFixture.westOffice, west: true)
            let first = try await fixture.signIn(over: west)
            #expect(first.stage == .lineNotice)
            let pending = try #require(try await fixture.services.sessions.resume(first.token, client: west))
            #expect(!pending.isSignedIn && pending.record.stage.isPartial && !pending.record.stage.isInTwoStep)
            await #expect(throws: FormErrors.self) { try await fixture.notice.execute(nil, session: pending, client: west) }
            await #expect(throws: FormErrors.self) { try await fixture.notice.execute("maybe", session: pending, client: west) }
            #expect(try await fixture.notice.execute("notify", session: pending, client: west) == .portal)
            #expect(try await fixture.services.sessions.resume(first.token, client: west)?.isSignedIn == true)
            #expect(try await fixture.registered(LineFixture.westOffice)?.notice == .notify)
            #expect(try await fixture.signIn(over: west).stage == .signedIn, "asked once per line")

            let eastWithWestMark = LineFixture.over(LineFixture.office, west: true)
            let second = try await fixture.signIn(over: eastWithWestMark)
            let declining = try #require(try await fixture.services.sessions.resume(second.token, client: eastWithWestMark))
            #expect(try await fixture.refusal { _ = try await fixture.notice.execute("decline", session: declining, client: eastWithWestMark) }
                    == .noticeDeclined)
            #expect(try await fixture.services.sessions.resume(second.token, client: eastWithWestMark) == nil, "declining ends the sign-in")
            #expect(try await fixture.registered(LineFixture.office)?.notice == .decline)
            #expect(try await fixture.refusal { _ = try await fixture.signIn(over: eastWithWestMark) } == .noticeDeclined)
            await #expect(throws: LineNoticeOutOfOrder()) {
                try await fixture.notice.execute("notify", session: declining, client: eastWithWestMark)
            }

            try await fixture.lines.remove(LineFixture.office, by: fixture.contractor, client: LineFixture.internet)
            try await fixture.save(.lineAndInternet, numbers: LineFixture.office)
            #expect(try await fixture.signIn(over: eastWithWestMark).stage == .lineNotice, "registered again, the notice is asked again")
            let kinds = try await store.auditKinds()
            #expect(kinds.filter { $0 == .lineNoticeAnswered }.count == 2)
        }
    }

    @Test("Google over a registered line signs in; over an unregistered one, or over the internet once line-only, it is refused",
          arguments: StoreKind.available)
    func providerOverLine(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let federation = FederationFixture(store)
            let person = try await federation.googleContract()
            let contractor = Account(
                person: person, contract: try #require(try await store.read { try await $0.contracts.find(person.contractID) }),
                provedAt: federation.services.clock.now())
            let lines = LineSettings(store: store, clock: federation.services.clock)
            try await lines.save(route: "line+internet", numbers: LineFixture.office, confirmed: false, by: contractor, client: LineFixture.internet)
            guard case .signedIn(let signedIn, _) = try await federation.roundTrip(.signIn(.portal), client: LineFixture.over(LineFixture.office))
            else { Issue.record("expected a session"); return }
            #expect(signedIn.stage == .signedIn)
            let event = try #require(try await store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.event)
            #expect(event.detail?.contains("method=google,two_step=line,line=\(LineFixture.office)") == true)
            await #expect(throws: LineAccessRefused.self) {
                _ = try await federation.roundTrip(.signIn(.portal), client: LineFixture.over("COP00000000"))
            }

            try await lines.save(route: AccessRoute.lineOnly.rawValue, numbers: "", confirmed: true, by: contractor,
                                 client: LineFixture.over(LineFixture.office))
            do {
                _ = try await federation.roundTrip(.signIn(.portal), client: LineFixture.internet)
                Issue.record("a line-only contract's Google sign-in came through over the internet")
            } catch let refused as LineAccessRefused {
                #expect(refused.reason == .lineOnly, "the callback over the internet is refused once line-only")
            }
        }
    }
}
