import Foundation

/// Every text of the pages, from `strings/ja.json` and `strings/en.json`: flat key → text tables
/// that templates read as `{{t.key}}`.
public struct Strings: Sendable {
    private let tables: [Language: [String: String]]

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// The tables shipped in the bundle.
    public static func load() throws -> Strings {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "strings") else {
                throw ResourceMissing(name: "strings/\(language.rawValue).json")
            }
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Strings(tables: tables)
    }

    public func table(_ language: Language) -> [String: String] {
        tables[language] ?? [:]
    }

    public func has(_ key: String) -> Bool {
        tables[.ja]?[key] != nil
    }

    /// One text; the key itself when missing, so a gap is visible rather than blank.
    public func text(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }
}

/// A resource the build should have bundled is not there.
struct ResourceMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "missing resource \(name)" }
}
