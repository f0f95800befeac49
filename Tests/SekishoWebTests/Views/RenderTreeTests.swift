import Foundation
import SekishoCore
@testable import SekishoWeb
import Testing

@Suite("Render tree")
struct RenderTreeTests {
    struct Row: Encodable { let name: String; let note: String? }
    struct Model: Encodable {
        let title: String; let count: Int; let shown: Bool; let rows: [Row]; let missing: String?; let t: [String: String]
        let tags: [String]; let first: Row?; let none: Row?; let empty: [Row]
    }

    @Test("view models become dictionaries and arrays once; nil fields are left out, leaves stay as they are")
    func tree() throws {
        let model = Model(
            title: "回線認証", count: 2, shown: false, rows: [Row(name: "a", note: nil), Row(name: "b", note: "x")], missing: nil,
            t: ["key": "値"], tags: ["x", "y"], first: Row(name: "c", note: nil), none: nil, empty: [])
        let tree = try #require(RenderTree.make(model) as? [String: Any])
        #expect(tree["title"] as? String == "回線認証" && tree["count"] as? Int == 2 && tree["shown"] as? Bool == false)
        #expect(tree["missing"] == nil && (tree["t"] as? [String: String]) == ["key": "値"])
        let rows = try #require(tree["rows"] as? [Any]).compactMap { $0 as? [String: Any] }
        #expect(rows.count == 2 && rows[0]["note"] == nil && rows[1]["note"] as? String == "x")
        #expect(tree["tags"] as? [String] == ["x", "y"] && (tree["first"] as? [String: Any])?["name"] as? String == "c")
        #expect(tree["none"] == nil && (tree["empty"] as? [Any])?.isEmpty == true)
    }

    @Test("numbers of every kind stay numbers (Date, Double and UInt8 encode through a single value)")
    func numbers() throws {
        struct Numbers: Encodable { let ratio: Double; let small: UInt8; let big: Int64; let at: Date }
        let tree = try #require(RenderTree.make(Numbers(ratio: 1.5, small: 7, big: 1 << 40, at: Date(timeIntervalSinceReferenceDate: 60))) as? [String: Any])
        #expect(tree["ratio"] as? Double == 1.5 && tree["small"] as? UInt8 == 7 && tree["big"] as? Int64 == 1 << 40)
        #expect(tree["at"] as? Double == 60)
    }

    @Test("the micro-benchmarks' home page is the real one: layout, signed-in bar and the browsers")
    func homePageSample() async throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let contract = Contract(
            id: .random(), name: "見本株式会社", plan: .basic, status: .active, accessRoute: .lineAndInternet, trialEndsAt: nil,
            createdAt: now)
        let person = Person(
            id: .random(), contractID: contract.id, email: try #require(EmailAddress(parsing: "hanako@example.co.jp")),
            name: "山田 花子", role: .user, loginMethod: .password, createdAt: now)
        let browser = RememberedBrowser(
            id: .random(), personID: person.id, digest: SecretToken.generate().digest, label: "Safari (iPhone)", createdAt: now,
            lastUsedAt: now)
        let strings = try Strings.load()
        let html = HomePageSample.render(
            account: Account(person: person, contract: contract), browsers: [browser], renderer: try PageRenderer.load(strings: strings),
            strings: strings)
        #expect(html.contains("<html lang=\"ja\"") && html.contains(strings.text("home_title", .ja)))
        #expect(html.contains("山田 花子") && html.contains("見本株式会社") && html.contains("Safari (iPhone)"))
        #expect(html.contains(JapanTime.dateTime(now)))
    }
}
