import Foundation

/// A JSON object read from a provider, with typed accessors that answer `nil` on a missing key or
/// a value of another type, so each caller states exactly which field did not validate.
struct JSONObject {
    let fields: [String: Any]

    /// Parses `data` as one JSON object; `nil` for anything else (array, scalar, malformed).
    init?(data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            return nil
        }
        self.fields = fields
    }

    init(fields: [String: Any]) {
        self.fields = fields
    }

    func string(_ key: String) -> String? {
        fields[key] as? String
    }

    /// A non-empty string, the common requirement for identifiers and tokens.
    func nonEmptyString(_ key: String) -> String? {
        string(key).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A JSON `true`/`false`. `JSONSerialization` hands numbers over as `NSNumber`, which would also
    /// cast to `Bool`, so the value's type is checked first: `1` is not `true` here.
    func bool(_ key: String) -> Bool? {
        guard let value = fields[key], let number = value as? NSNumber, Self.isBoolean(number) else { return nil }
        return number.boolValue
    }

    /// A string, or a number written as an integer (some Graph API ids come either way).
    func identifier(_ key: String) -> String? {
        if let text = nonEmptyString(key) { return text }
        if let number = fields[key] as? NSNumber, !Self.isBoolean(number), let integer = Int64(exactly: number.doubleValue) {
            return String(integer)
        }
        return nil
    }

    func object(_ key: String) -> JSONObject? {
        (fields[key] as? [String: Any]).map(JSONObject.init(fields:))
    }

    func array(_ key: String) -> [Any]? {
        fields[key] as? [Any]
    }

    /// JSON booleans arrive as `NSNumber`s of Objective-C type `c` (char) on every platform; JSON
    /// numbers never do.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
