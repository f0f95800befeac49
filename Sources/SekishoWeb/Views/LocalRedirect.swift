import Foundation

/// A redirect target taken from a request (`next=`): only a path on this site is accepted, so a
/// link can never send someone to another site (no open redirect, ASVS 3.7.2).
enum LocalRedirect {
    static let maxLength = 2048

    static func validated(_ candidate: String?) -> String? {
        guard let candidate, candidate.utf8.count <= maxLength,
              candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
              !candidate.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        return candidate
    }

    /// `path?query` of a request, for coming back to it.
    static func returnPath(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        return "\(path)?\(query)"
    }

    /// Percent-encodes a path for use as a query value.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? "/"
    }

    /// Made once: every page's language switch encodes its own path with it.
    private static let queryValueCharacters = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
}
