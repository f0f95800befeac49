/// An `application/x-www-form-urlencoded` body, parsed strictly: every key at most once, valid
/// percent escapes, valid UTF-8. Hummingbird's decoder turns a repeated key into a 500 (DESIGN:
/// known traps); here every malformed body is a ``FormBodyError`` the error page answers with 400.
public struct FormBody: Sendable, Equatable {
    public private(set) var fields: [String: String] = [:]

    public init(fields: [String: String] = [:]) {
        self.fields = fields
    }

    public subscript(name: String) -> String? { fields[name] }

    /// Parses `bytes`; a key ending in `[]` is the one kind of field that may repeat (checkbox groups),
    /// its values joined by newlines.
    public init(parsing bytes: some Collection<UInt8>) throws(FormBodyError) {
        guard !bytes.isEmpty else { return }
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            guard !pair.isEmpty else { throw .malformed }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0])
            let value = parts.count == 2 ? try Self.decode(parts[1]) : ""
            guard !key.isEmpty else { throw .malformed }
            if key.hasSuffix("[]") {
                fields[key] = fields[key].map { "\($0)\n\(value)" } ?? value
            } else {
                guard fields[key] == nil else { throw .duplicateField }
                fields[key] = value
            }
        }
    }

    /// Percent-decoding with `+` as space, then strict UTF-8 validation.
    static func decode(_ encoded: some Collection<UInt8>) throws(FormBodyError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .malformed
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a request body could not be read as a form.
public enum FormBodyError: Error, Sendable, Equatable {
    case malformed
    case duplicateField
    case invalidUTF8
    case tooLarge
    case unsupportedMediaType
}
