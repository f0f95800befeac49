import Foundation
import HTTPTypes
import SekishoCore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

@Suite("Languages")
struct LanguageTests {
    @Test("Japanese by default, English by Accept-Language", arguments: [
        (nil, Language.ja), ("en-US,en;q=0.9", .en), ("ja,en;q=0.8", .ja), ("fr, en;q=0.5", .en), ("en;q=0, ja;q=0.1", .ja), ("de", .ja),
    ] as [(String?, Language)])
    func preferred(header: String?, expected: Language) {
        #expect(Language.preferred(acceptLanguage: header) == expected)
    }

    @Test("the page follows the browser and the switch, which returns to the same page")
    func pages() async throws {
        try await WebTestApp.run { app async throws in
            let english = try await app.browser.get("/login", headers: [.acceptLanguage: "en"])
            #expect(english.body.contains(#"<html lang="en">"#) && english.body.contains("Sign in with Google"))
            let japanese = try await app.browser.get("/login")
            #expect(japanese.body.contains(#"href="/lang/en?next=/login""#))
            let switched = try await app.browser.get("/lang/en?next=/apply")
            #expect(switched.location == "/apply")
            #expect(try await app.browser.get("/apply").body.contains("Apply for a new contract"))
            #expect(try await app.browser.get("/lang/en?next=//evil.example").location == "/login")
            #expect(try await app.browser.get("/lang/xx").status == .notFound)
        }
    }

    @Test("both languages have the same texts, and every text a template or problem uses exists")
    func completeness() throws {
        let strings = try Strings.load()
        let japanese = Set(strings.table(.ja).keys)
        #expect(japanese == Set(strings.table(.en).keys))
        for problem in FieldProblem.allCases { #expect(japanese.contains("problem.\(problem.rawValue)")) }
        for kind in AuditEventKind.allCases { #expect(japanese.contains("audit.\(kind.rawValue)"), "the audit log names \(kind.rawValue)") }
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SekishoWeb/Resources/templates").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 8)
        for file in files {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z0-9_.]+)\}\}/) {
                #expect(japanese.contains(String(match.1)), "\(file) uses missing text \(match.1)")
            }
        }
    }
}
