import Foundation
import Testing

@Suite("Password fields (ASVS 6.2.6, 6.2.7)")
struct PasswordFieldsTests {
    /// Every `<input …>` of every template, with the template's name.
    static func inputs() throws -> [(file: String, tag: String)] {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/SekishoWeb/Resources/templates").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        return try files.flatMap { file in
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            return text.matches(of: /<input[^>]*>/).map { (file, String($0.output)) }
        }
    }

    @Test("every password field is masked and tells password managers whether it wants the current or a new password")
    func masked() throws {
        let fields = try Self.inputs().filter { $0.tag.contains(#"name="password"#) || $0.tag.contains(#"name="current_password"#) }
        #expect(fields.count >= 10, "login, application, registration, reset, email change, contract password, re-authentication, cancellation")
        for field in fields {
            #expect(field.tag.contains(#"type="password""#), "\(field.file): \(field.tag)")
            #expect(field.tag.contains(#"autocomplete="current-password""#) || field.tag.contains(#"autocomplete="new-password""#),
                    "\(field.file): \(field.tag)")
            #expect(!field.tag.contains("onpaste") && !field.tag.contains("readonly"), "pasting stays possible: \(field.file)")
        }
        let masked = try Self.inputs().filter { $0.tag.contains(#"type="password""#) }
        #expect(masked.count == fields.count, "no other field is masked")
    }
}
