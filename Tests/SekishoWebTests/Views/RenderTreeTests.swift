@testable import SekishoWeb
import Testing

@Suite("Render tree")
struct RenderTreeTests {
    struct Row { let name: String; let note: String? }
    struct Model { let title: String; let count: Int; let shown: Bool; let rows: [Row]; let missing: String?; let t: [String: String] }

    @Test("view models become dictionaries and arrays once; nil fields are left out, leaves stay as they are")
    func tree() throws {
        let model = Model(
            title: "回線認証", count: 2, shown: false, rows: [Row(name: "a", note: nil), Row(name: "b", note: "x")], missing: nil,
            t: ["key": "値"])
        let tree = try #require(RenderTree.make(model) as? [String: Any])
        #expect(tree["title"] as? String == "回線認証" && tree["count"] as? Int == 2 && tree["shown"] as? Bool == false)
        #expect(tree["missing"] == nil && (tree["t"] as? [String: String]) == ["key": "値"])
        let rows = try #require(tree["rows"] as? [Any]).compactMap { $0 as? [String: Any] }
        #expect(rows.count == 2 && rows[0]["note"] == nil && rows[1]["note"] as? String == "x")
    }
}
