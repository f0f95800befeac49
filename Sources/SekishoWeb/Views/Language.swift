import Foundation

/// The page languages (SPEC M1): Japanese first, English by browser preference or choice.
public enum Language: String, Sendable, CaseIterable {
    case ja
    case en

    /// The first supported language of an `Accept-Language` header, by quality; Japanese when none.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .ja }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > best?.quality ?? -1 { best = (language, quality) }
        }
        return best?.language ?? .ja
    }

    /// The language a page offers to switch to.
    public var other: Language { self == .ja ? .en : .ja }
}
