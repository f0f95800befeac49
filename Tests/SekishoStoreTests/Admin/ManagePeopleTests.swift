import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Admin console actions")
struct ManagePeopleTests {
    @Test("roles: admins are made and unmade; never the contractor, never oneself; users may not", arguments: StoreKind.available)
    func roles(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            try await manage.setAdmin(true, person: hanako.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            let admin = Account(person: try #require(try await store.read { try await $0.people.find(hanako.person.id) }), contract: hanako.contract, provedAt: fixture.services.clock.now())
            #expect(admin.person.role == .admin)
            await #expect(throws: AdminRefusal.notOnYourself) {
                try await manage.setAdmin(false, person: admin.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: AdminRefusal.contractorIsFixed) {
                try await manage.setAdmin(false, person: fixture.contractor.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: PersonNotFound()) {
                try await manage.setAdmin(true, person: fixture.other.person.id.rawValue, by: admin, client: fixture.client)
            }
            await #expect(throws: AdminOnly()) {
                try await manage.setAdmin(true, person: fixture.contractor.person.id.rawValue, by: try await fixture.member("jun@example.jp"), client: fixture.client)
            }
            try await manage.setAdmin(false, person: admin.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await store.read { try await $0.people.find(hanako.person.id) }?.role == .user)
            #expect(try await store.auditKinds().filter { $0 == .roleChanged }.count == 2)
        }
    }

    @Test("removing a user ends their sessions at once; the contractor and oneself cannot be removed", arguments: StoreKind.available)
    func removal(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            let session = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await manage.remove(person: hanako.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(session.token, client: fixture.client) == nil)
            #expect(try await LockTests.attempt(fixture.services, email: "hanako@example.jp", password: AdminFixture.password) == .rejected)
            try await manage.setAdmin(true, person: try await fixture.member("jun@example.jp").person.id.rawValue, by: fixture.contractor, client: fixture.client)
            let jun = try #require(try await store.read { try await $0.people.find(email: EmailAddress(parsing: "jun@example.jp")!) })
            let junAccount = Account(person: jun, contract: fixture.contractor.contract, provedAt: fixture.services.clock.now())
            await #expect(throws: AdminRefusal.contractorIsFixed) {
                try await manage.remove(person: fixture.contractor.person.id.rawValue, by: junAccount, client: fixture.client)
            }
            await #expect(throws: AdminRefusal.notOnYourself) {
                try await manage.remove(person: jun.id.rawValue, by: junAccount, client: fixture.client)
            }
            await #expect(throws: PersonNotFound()) {
                try await manage.remove(person: fixture.other.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            }
            #expect(try await store.read { try await $0.people.find(fixture.other.person.id) } != nil)
        }
    }

    @Test("unlock, two-step reset and ending sessions (SPEC I3), audited with the acting admin", arguments: StoreKind.available)
    func recoveryActions(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let manage = fixture.services.managePeople
            let hanako = try await fixture.member("hanako@example.jp")
            try await UnlockAndThrottleTests.lock(fixture.services, email: "hanako@example.jp")
            let id = hanako.person.id.rawValue
            try await manage.unlock(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await LockTests.attempt(fixture.services, email: "hanako@example.jp", password: AdminFixture.password) == .signedIn)
            let session = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            try await manage.endSessions(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(session.token, client: fixture.client) == nil)
            let again = try await fixture.services.signIn.execute(
                email: "hanako@example.jp", password: AdminFixture.password, previous: nil, client: fixture.client)
            _ = try await store.rememberBrowser(of: hanako.person.id, at: fixture.services.clock.now())
            try await manage.resetTwoStep(person: id, by: fixture.contractor, client: fixture.client)
            #expect(try await fixture.services.sessions.resume(again.token, client: fixture.client) == nil, "a reset signs the lost device out")
            #expect(try await store.count("remembered_browsers") == 0, "and no remembered browser skips two-step any more")
            let events = try await store.read { try await $0.audit.recent(limit: 10, person: hanako.person.id) }.map(\.event)
            let admin = "admin=\(fixture.contractor.person.id.rawValue)"
            #expect(events.filter { [.accountUnlocked, .sessionsEnded, .twoStepReset].contains($0.kind) }.allSatisfy { $0.detail?.hasSuffix(admin) == true })
            #expect(events.filter { [.accountUnlocked, .sessionsEnded, .twoStepReset].contains($0.kind) }.count == 3)
        }
    }

    @Test("「パスワード再設定メールを送信」: the person's own address gets the reset link; the admin sets and sees nothing (ASVS 6.4.6)",
          arguments: StoreKind.available)
    func sendPasswordReset(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            let hanako = try await fixture.member("hanako@example.jp")
            try await services.managePeople.sendPasswordReset(person: hanako.person.id.rawValue, by: fixture.contractor, client: fixture.client)
            let mail = try #require(try await LockTests.mails(store, subject: PasswordResetTests.resetSubject).first)
            #expect(mail.recipient == "hanako@example.jp" && mail.body.contains("/lo/reset?ticket="))
            let ticket = try #require(try await store.latestTicket(to: "hanako@example.jp"))
            try await PasswordResetTests.reset(services, ticket: ticket)
            #expect(try await LockTests.attempt(services, email: "hanako@example.jp", password: PasswordResetTests.newPassword) == .signedIn)
            let event = try #require(try await store.read { try await $0.audit.recent(limit: 10, person: hanako.person.id) }.map(\.event)
                .first { $0.kind == .passwordResetRequested })
            #expect(event.detail == "by=admin,admin=\(fixture.contractor.person.id.rawValue)")

            let invited = try await services.invitations.invite(name: "招待", email: "new@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            await #expect(throws: AdminRefusal.stillInvited) {
                try await services.managePeople.sendPasswordReset(person: invited.id.rawValue, by: fixture.contractor, client: fixture.client)
            }
            await #expect(throws: PersonNotFound()) {
                try await services.managePeople.sendPasswordReset(person: hanako.person.id.rawValue, by: fixture.other, client: fixture.client)
            }
        }
    }

    @Test("「全員のログインを終了」 ends every session of the contract but the admin's own, leaves other contracts alone, and is audited",
          arguments: StoreKind.available)
    func endAllSessions(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let services = fixture.services
            _ = try await fixture.member("hanako@example.jp")
            let signIn = { (email: String) in
                try await services.signIn.execute(email: email, password: AdminFixture.password, previous: nil, client: fixture.client).token
            }
            let (hanako, own, otherOfTaro, jiro) = (try await signIn("hanako@example.jp"), try await signIn("taro@example.jp"),
                                                    try await signIn("taro@example.jp"), try await signIn("jiro@example.jp"))
            await #expect(throws: AdminOnly(), "a user cannot") {
                let user = try await fixture.member("ichiro@example.jp")
                try await services.managePeople.endAllSessions(by: user, keeping: hanako.digest, client: fixture.client)
            }
            let ended = try await services.managePeople.endAllSessions(by: fixture.contractor, keeping: own.digest, client: fixture.client)
            #expect(ended == 2)
            let alive = { (token: SecretToken) in try await services.sessions.resume(token, client: fixture.client) != nil }
            #expect(try await alive(own), "the admin's own session stays")
            #expect(try await alive(jiro), "another contract's too")
            #expect(try await !alive(hanako))
            #expect(try await !alive(otherOfTaro), "the admin's other sessions end")
            let event = try #require(try await store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.event)
            #expect(event.kind == .sessionsEnded && event.personID == fixture.contractor.person.id)
            #expect(event.detail == "by=admin,scope=contract,sessions=2,admin=\(fixture.contractor.person.id.rawValue)")
        }
    }

    @Test("an admin demoted while their invitations run: every invitation that lands came before the demotion, and the stale admin changes nothing after it",
          arguments: StoreKind.available, [1, 2])
    func demotionDuringRequests(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in try await Self.demoteWhileInviting(stores) }
    }

    static func demoteWhileInviting(_ stores: [SQLStore]) async throws {
        let fixture = try await AdminFixture.make(stores[0])
        let hanako = try await fixture.member("hanako@example.jp", admin: true)
        let instances = fixture.services.onEach(stores)
        let invitations = instances.map(\.invitations)
        let manage = instances[instances.count - 1].managePeople
        let client = fixture.client
        let contractor = fixture.contractor
        let people = try await stores[0].count("people")
        // 0–11: invitations by the admin; 12: the contractor's demotion of that admin; all at once.
        _ = await TwoStepFixture.successes(Array(0...12)) { index -> Bool in
            if index == 12 {
                try await manage.setAdmin(false, person: hanako.person.id.rawValue, by: contractor, client: client)
            } else {
                try await invitations[index % invitations.count].invite(
                    name: "来客", email: "guest\(index)@example.jp", admin: false, by: hanako, client: client)
            }
            return true
        }
        let records = try await stores[0].read { try await $0.audit.recent(limit: 100, person: nil) }
        let demotion = try #require(records.first { $0.event.kind == .roleChanged && $0.event.personID == hanako.person.id })
        let actor = "admin=\(hanako.person.id.rawValue)"
        let invited = records.filter { $0.event.kind == .personInvited && $0.event.detail?.hasSuffix(actor) == true }
        #expect(invited.allSatisfy { $0.id < demotion.id })
        var refused = false
        do {
            try await invitations[0].invite(name: "来客", email: "late@example.jp", admin: false, by: hanako, client: client)
        } catch is AdminOnly {
            refused = true
        }
        #expect(refused, "the page the demoted admin still has open changes nothing")
        #expect(try await stores[0].count("people") == people + invited.count, "no invitation without its audit event")
    }
}
