import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Admin console: list, detail, audit log, isolation")
struct DirectoryTests {
    @Test("the list is sorted by name, paged by keyset, searched by part of the name or email", arguments: StoreKind.available)
    func listSearchAndPaging(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let names = ["伊藤 一郎", "佐藤 花子", "Suzuki Ken", "鈴木 次郎", "田中 三郎", "Abe 100%_x"]
            for (index, name) in names.enumerated() {
                try await fixture.services.invitations.invite(
                    name: name, email: "member\(index)@example.jp", admin: false, by: fixture.contractor, client: fixture.client)
            }
            _ = try await fixture.member("other@example.jp", name: "伊藤 他社", of: fixture.other)
            let console = fixture.services.adminConsole
            var seen: [String] = []
            var after: String?
            repeat {
                let page = try await console.directory(for: fixture.contractor, query: DirectoryQuery(search: nil, after: after, limit: 3))
                seen += page.rows.map(\.person.name)
                after = page.next?.rawValue
            } while after != nil
            #expect(seen == (names + ["山田 太郎"]).sorted(), "every person of our contract once, in name order, none of theirs")
            let search = { (text: String) in
                try await console.directory(for: fixture.contractor, query: DirectoryQuery(search: text, after: nil)).rows.map(\.person.name)
            }
            #expect(try await search("suzuki") == ["Suzuki Ken"])
            #expect(try await search("藤") == ["伊藤 一郎", "佐藤 花子"], "no one of the other contract")
            #expect(try await search("MEMBER4@") == ["田中 三郎"])
            #expect(try await search("100%_") == ["Abe 100%_x"], "wildcards match themselves")
            #expect(try await search("%") == ["Abe 100%_x"])
            #expect(try await search("  ").count == 7)
            let foreignCursor = DirectoryQuery(search: nil, after: fixture.other.person.id.rawValue)
            #expect(try await console.directory(for: fixture.contractor, query: foreignCursor).rows.count == 7, "a foreign cursor is ignored")
        }
    }

    @Test("the list walks the (contract, name, id) index: no sort, no OFFSET", arguments: StoreKind.available)
    func queryPlan(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let plan = try await DirectoryBenchmark(store: store).plan(
                fixture.contractor.contract.id, DirectoryQuery(search: nil, after: nil), preferIndexes: true)
            #expect(plan.contains("people_directory"), "\(plan)")
            #expect(!plan.uppercased().contains("TEMP B-TREE") && !plan.contains("Sort"), "\(plan)")
        }
    }

    @Test("the summary shows role, method, two-step, lock and last sign-in; the detail browsers and events", arguments: StoreKind.available)
    func summaryAndDetail(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let member = try await fixture.member("hanako@example.jp")
            let twoStep = TwoStepFixture(services: fixture.services, store: store, person: fixture.contractor.person)
            try await twoStep.enrolAuthenticator(remember: true)
            try await UnlockAndThrottleTests.lock(fixture.services, email: "hanako@example.jp")
            let console = fixture.services.adminConsole
            let rows = try await console.directory(for: fixture.contractor, query: DirectoryQuery(search: nil, after: nil)).rows
            let taro = try #require(rows.first { $0.person.id == fixture.contractor.person.id })
            #expect(taro.twoStep == .authenticator && !taro.locked && taro.lastSignInAt == twoStep.now && taro.person.role == .contractor)
            let hanako = try #require(rows.first { $0.person.id == member.person.id })
            #expect(hanako.twoStep == nil && hanako.locked && hanako.lastSignInAt == nil)
            let detail = try await console.detail(of: fixture.contractor.person.id.rawValue, for: fixture.contractor)
            #expect(detail.browsers.count == 1 && detail.events.first?.event.kind == .signInSucceeded)
            await #expect(throws: PersonNotFound()) { try await console.detail(of: fixture.other.person.id.rawValue, for: fixture.contractor) }
            await #expect(throws: PersonNotFound()) { try await console.detail(of: "not-an-id", for: fixture.contractor) }
            await #expect(throws: AdminOnly()) { try await console.detail(of: member.person.id.rawValue, for: member) }
        }
    }

    @Test("the audit log is the contract's own, filtered by person and event, paged newest first", arguments: StoreKind.available)
    func auditLog(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await AdminFixture.make(store)
            let member = try await fixture.member("hanako@example.jp")
            for _ in 1...3 { _ = try await LockTests.attempt(fixture.services, email: "hanako@example.jp", password: "wrong") }
            _ = try await LockTests.attempt(fixture.services, email: "jiro@example.jp", password: "wrong")
            let console = fixture.services.adminConsole
            var ids: [Int64] = []
            var before: String?
            repeat {
                let page = try await console.auditLog(for: fixture.contractor, query: AuditQuery(person: nil, kind: nil, before: before, limit: 2))
                #expect(page.events.allSatisfy { $0.event.contractID == fixture.contractor.contract.id })
                ids += page.events.map(\.id)
                before = page.next.map(String.init)
            } while before != nil
            #expect(ids == ids.sorted(by: >) && Set(ids).count == ids.count && !ids.isEmpty)
            let failures = try await console.auditLog(
                for: fixture.contractor, query: AuditQuery(person: member.person.id.rawValue, kind: "sign_in.failed", before: nil))
            #expect(failures.events.count == 3 && failures.next == nil)
            let theirs = try await console.auditLog(
                for: fixture.contractor, query: AuditQuery(person: fixture.other.person.id.rawValue, kind: nil, before: nil))
            #expect(theirs.events.isEmpty, "another contract's person filters to nothing")
        }
    }
}
