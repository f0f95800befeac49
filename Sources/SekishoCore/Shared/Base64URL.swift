public import Foundation

/// Unpadded base64url (RFC 4648 §5), the alphabet of tokens in cookies and links.
public enum Base64URL {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        UnpaddedBase64.encode(bytes, alphabet: alphabet)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The bytes of unpadded base64url text; `nil` for any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy(isAlphabet) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard.append("=") }
        return Data(base64Encoded: standard).map(Array.init)
    }

    public static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

/// Unpadded standard base64, as PHC strings use it.
public enum UnpaddedBase64 {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        encode(bytes, alphabet: alphabet)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Four characters of `alphabet` for every three bytes, written straight into the string: every
    /// signed-in page encodes its CSRF token, and Foundation's encoder followed by a
    /// `replacingOccurrences` for each changed character was 2 % of such a page.
    static func encode(_ bytes: some Sequence<UInt8>, alphabet: [UInt8]) -> String {
        let input = Array(bytes)
        return String(unsafeUninitializedCapacity: (input.count * 4 + 2) / 3) { output in
            var written = 0
            func put(_ group: UInt32, characters: Int) {
                for index in 0..<characters {
                    output[written] = alphabet[Int(group >> (18 - 6 * index) & 63)]
                    written += 1
                }
            }
            var index = 0
            while index + 3 <= input.count {
                put(UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2]), characters: 4)
                index += 3
            }
            switch input.count - index {
            case 1: put(UInt32(input[index]) << 16, characters: 2)
            case 2: put(UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8, characters: 3)
            default: break
            }
            return written
        }
    }

    public static func decode(_ text: Substring) -> [UInt8]? {
        var padded = String(text)
        while padded.utf8.count % 4 != 0 { padded.append("=") }
        return Data(base64Encoded: padded).map(Array.init)
    }
}
