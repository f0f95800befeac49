/// A Japanese mobile number that can receive SMS, kept in E.164 (`+819012345678`).
/// Accepted as typed: `090-1234-5678`, `09012345678`, `+81 90 1234 5678`, full-width digits; only
/// 070, 080 and 090 numbers (mobile) are SMS-capable.
public struct PhoneNumber: Sendable, Equatable, Hashable {
    public static let maxInputLength = 32
    /// The national significant number's leading digits of SMS-capable mobile lines.
    static let mobilePrefixes: Set<String> = ["70", "80", "90"]

    public let e164: String

    public init?(_ raw: String) {
        guard raw.count <= Self.maxInputLength else { return nil }
        let text = TextInput.folded(raw)
        var digits = ""
        var international = false
        for (index, character) in text.enumerated() {
            switch character {
            case "0"..."9": digits.append(character)
            case "+" where index == 0: international = true
            case " ", "-", "(", ")": continue
            default: return nil
            }
        }
        let national: Substring
        if international {
            guard digits.hasPrefix("81") else { return nil }
            national = digits.dropFirst(2)
        } else {
            guard digits.hasPrefix("0") else { return nil }
            national = digits.dropFirst()
        }
        guard national.count == 10, Self.mobilePrefixes.contains(String(national.prefix(2))) else { return nil }
        e164 = "+81\(national)"
    }

    /// `090-1234-5678`: the domestic way of writing it.
    public var domestic: String {
        let national = Array(e164.dropFirst(3))
        return "0\(String(national[0..<2]))-\(String(national[2..<6]))-\(String(national[6..<10]))"
    }

    /// `090-****-5678`: enough for the person to recognise their phone on a page.
    public var masked: String {
        let national = Array(e164.dropFirst(3))
        return "0\(String(national[0..<2]))-****-\(String(national[6..<10]))"
    }
}
