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
        // Checked byte by byte: the rules are ASCII's, and Character-wise checks were 2 % of a page.
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maxLength, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: "@"), maxSplits: 2, omittingEmptySubsequences: false)
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

    private static let localCharacters = byteTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
    private static let domainCharacters = byteTable("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    /// Whether each ASCII byte is one of `allowed`.
    private static func byteTable(_ allowed: String) -> [Bool] {
        (0..<128).map { allowed.utf8.contains(UInt8($0)) }
    }

    private static func isValidLocalPart(_ part: ArraySlice<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        return (1...64).contains(part.count) && part.allSatisfy { localCharacters[Int($0)] }
            && part.first != dot && part.last != dot && !zip(part, part.dropFirst()).contains { $0 == dot && $1 == dot }
    }

    private static func isValidDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        let hyphen = UInt8(ascii: "-")
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2,
              !top.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { domainCharacters[Int($0)] }
                && label.first != hyphen && label.last != hyphen
        }
    }
}
