import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("Line authentication: the admin console's 回線認証 (SPEC D5, D6)")
struct LineSettingsTests {
    @Test("pasted numbers are normalised where unambiguous; any refused entry saves nothing and says why", arguments: StoreKind.available)
    func numbers(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            let pasted = "caf1234567890, COP-1234-5678\n ＣＡＦ００００００００００ ;cop 8765 4321"
            try await fixture.save(.lineAndInternet, numbers: pasted)
            let overview = try await fixture.lines.overview(for: fixture.contractor)
            #expect(overview.lines.map(\.number.value) == ["CAF0000000000", "CAF1234567890", "COP12345678", "COP87654321"])
            #expect(overview.route == .lineAndInternet && !overview.locksEveryoneOut)
            #expect(try await store.auditKinds().filter { $0 == .lineAdded }.count == 4)

            do {
                try await fixture.save(.lineOnly, numbers: "CAF1111111111\nXYZ1234567890\nCAF123\nCAF12345678!0\nCAF1234567890\nCAF1111111111")
                Issue.record("expected a refusal")
            } catch let refused as LineNumbersRefused {
                #expect(refused.entries.map(\.problem) == [.unknownPrefix, .wrongLength, .invalidCharacters, .duplicate, .duplicate])
                #expect(refused.entries.first?.text == "XYZ1234567890" && !refused.tooMany)
            }
            let after = try await fixture.lines.overview(for: fixture.contractor)
            #expect(after.lines.count == 4 && after.route == .lineAndInternet, "neither the good number nor the route was saved")
        }
    }

    @Test("at most 1,000 lines per contract", arguments: StoreKind.available)
    func limit(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            let numbers = (0..<LineSettings.maxLines).map { String(format: "CAF%010d", $0) }
            try await fixture.save(.lineAndInternet, numbers: numbers.joined(separator: "\n"))
            #expect(try await fixture.lines.overview(for: fixture.contractor).lines.count == LineSettings.maxLines)
            await #expect(throws: LineNumbersRefused(entries: [], tooMany: true)) {
                try await fixture.save(.lineAndInternet, numbers: "COP00000001")
            }
        }
    }

    @Test("「回線認証」 with no line asks again; confirmed, it is saved and the page warns", arguments: StoreKind.available)
    func warning(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            await #expect(throws: LineOnlyWithoutLines()) { try await fixture.save(.lineOnly) }
            #expect(try await fixture.lines.overview(for: fixture.contractor).route == .lineAndInternet)
            try await fixture.save(.lineOnly, confirmed: true)
            #expect(try await fixture.lines.overview(for: fixture.contractor).locksEveryoneOut)
            try await fixture.save(.lineOnly, numbers: LineFixture.office)
            #expect(try await fixture.lines.overview(for: fixture.contractor).locksEveryoneOut == false, "with a line, no warning")
            await #expect(throws: FormErrors.self) {
                try await fixture.lines.save(route: "anywhere", numbers: "", confirmed: true, by: fixture.contractor, client: LineFixture.internet)
            }
        }
    }

    @Test("removing a number is audited; an unknown or malformed one changes nothing; users may not", arguments: StoreKind.available)
    func removal(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = try await LineFixture.make(store)
            try await fixture.save(.lineAndInternet, numbers: "\(LineFixture.office),\(LineFixture.westOffice)")
            try await fixture.lines.remove(" caf1234567890 ", by: fixture.contractor, client: LineFixture.internet)
            #expect(try await fixture.registered(LineFixture.office) == nil)
            #expect(try await fixture.registered(LineFixture.westOffice) != nil)
            let event = try #require(try await fixture.lastAudit())
            #expect(event.kind == .lineRemoved && event.detail == "line=\(LineFixture.office)")
            try await fixture.lines.remove(LineFixture.office, by: fixture.contractor, client: LineFixture.internet)
            #expect(try await store.auditKinds().filter { $0 == .lineRemoved }.count == 1, "an unregistered number is not removed twice")
            await #expect(throws: LineNumbersRefused.self) { try await fixture.lines.remove("nonsense", by: fixture.contractor, client: LineFixture.internet) }

            let user = try await fixture.admin.member("hanako@example.jp")
            await #expect(throws: AdminOnly()) { _ = try await fixture.lines.overview(for: user) }
            await #expect(throws: AdminOnly()) {
                try await fixture.lines.save(route: "line-only", numbers: "", confirmed: true, by: user, client: LineFixture.internet)
            }
            await #expect(throws: AdminOnly()) { try await fixture.lines.remove(LineFixture.westOffice, by: user, client: LineFixture.internet) }
            let theirs = try await fixture.lines.overview(for: fixture.admin.other)
            #expect(theirs.lines.isEmpty, "each contract sees its own lines")
        }
    }
}
