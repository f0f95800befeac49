import Foundation

/// An email address, which is also a person's ID. It is unique across the service and compared
/// case-insensitively, so every lookup uses ``normalized``.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as typed, after trimming and NFKC (full-width letters become ASCII).
    public let value: String
    /// The comparison key: ``value`` in lower case.
    public let normalized: String

    public static let maxLength = 254

    /// Accepts the pragmatic subset of RFC 5322 that mail systems deliver to: an ASCII local part of
    /// at most 64 characters without quoting, and a DNS domain with at least two labels.
    public init?(parsing raw: String) {
        // Visible ASCII has nothing to trim and is its own NFKC form: every stored address read back
        // from the database (each signed-in page reads one) skips Foundation's trimming and ICU.
        let text = raw.utf8.allSatisfy { (0x21..<0x7F).contains($0) }
            ? raw : TextInput.trimmed(raw).precomposedStringWithCompatibilityMapping
        guard text.utf8.count <= Self.maxLength, text.allSatisfy(\.isASCII) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isValidLocalPart(parts[0]), Self.isValidDomain(parts[1]) else {
            return nil
        }
        self.value = text
        self.normalized = text.lowercased()
    }

    /// The part before the "@", lower-cased (used by the password policy).
    public var localPart: String {
        String(normalized.prefix { $0 != "@" })
    }

    public var description: String { value }

    private static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.".utf8)

    private static let domainCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)

    private static func isValidLocalPart(_ part: Substring) -> Bool {
        guard (1...64).contains(part.utf8.count),
              part.utf8.allSatisfy(localCharacters.contains),
              part.first != ".", part.last != ".", !part.contains("..")
        else { return false }
        return true
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2,
              !top.allSatisfy(\.isNumber)
        else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count)
                && label.utf8.allSatisfy(domainCharacters.contains)
                && label.first != "-" && label.last != "-"
        }
    }
}
