import Foundation

/// `application/x-www-form-urlencoded` text (a form body or a query string) read strictly: a
/// repeated name makes the whole input invalid, as OAuth 2.0 requires of its endpoints.
public struct FormFields: Sendable, Equatable {
    public let values: [String: String]

    /// `nil` when a name repeats or a percent-escape is malformed.
    public init?(_ text: String) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else { return nil }
            guard values[name] == nil else { return nil }
            values[name] = value
        }
        self.values = values
    }

    /// The query of a URL, read the same way.
    public init?(queryOf url: String) {
        let query = url.firstIndex(of: "?").map { url[url.index(after: $0)...].prefix { $0 != "#" } } ?? ""
        self.init(String(query))
    }

    public subscript(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
