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

    /// Percent-encodes a path for use as a query value: what `CharacterSet.urlQueryAllowed` allows
    /// except `&=+?#`, which would end or change the value. Written byte by byte: every page's
    /// language switch encodes its own path, and Foundation's encoder was 1 % of a signed-in page.
    static func queryValue(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte < 0x80, queryValueBytes[Int(byte)] {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(upperHexDigits[Int(byte >> 4)])
                encoded.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let queryValueBytes: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || "-._~!$'()*,;:@/".unicodeScalars.contains(scalar)
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)
}
