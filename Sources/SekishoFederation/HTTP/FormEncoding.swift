import Foundation

/// Percent-encoding for query strings and `application/x-www-form-urlencoded` bodies.
///
/// Only the RFC 3986 unreserved characters pass through unchanged. Foundation's `URLQueryItem`
/// leaves `+`, `&`-adjacent and `=` characters alone in some positions, which a form decoder then
/// reads as a space or a separator; encoding everything else avoids that whole class of bugs.
enum FormEncoding {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `key=value&key=value` in the given order.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// `base` with `fields` appended as its query (after `&` if `base` already has one).
    static func url(_ base: String, _ fields: [(String, String)]) -> String {
        guard !fields.isEmpty else { return base }
        return base + (base.contains("?") ? "&" : "?") + encode(fields)
    }
}
