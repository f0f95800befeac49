/// The part of CBOR (RFC 8949) that WebAuthn uses: an attestation object and a COSE key are maps of
/// integers, text, byte strings and arrays, always of definite length (CTAP2's canonical form).
/// Floats, tags and indefinite lengths are refused; so is nesting deeper than ``maxDepth``.
public indirect enum CBOR: Sendable, Equatable {
    case unsigned(UInt64)
    /// The negative integer −1 − `n`.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    /// Entries in the order they were written.
    case map([MapEntry])
    case bool(Bool)
    case null

    public struct MapEntry: Sendable, Equatable {
        public let key: CBOR
        public let value: CBOR

        public init(key: CBOR, value: CBOR) {
            self.key = key
            self.value = value
        }
    }

    public static let maxDepth = 8

    /// The integer, when it fits an `Int64`.
    public var integer: Int64? {
        switch self {
        case .unsigned(let value): value <= UInt64(Int64.max) ? Int64(value) : nil
        case .negative(let value): value <= UInt64(Int64.max) ? -1 - Int64(value) : nil
        default: nil
        }
    }

    /// The value of the first entry whose key is the integer `key` (COSE labels).
    public subscript(label key: Int64) -> CBOR? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key.integer == key }?.value
    }

    /// The value of the first entry whose key is the text `key` (attestation objects).
    public subscript(name key: String) -> CBOR? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == .text(key) }?.value
    }

    public var byteString: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    /// Decodes one item at the start of `bytes`; returns it and how many bytes it took, so that what
    /// follows (the extensions after a key in authenticator data) can be read on.
    public static func decodePrefix(_ bytes: ArraySlice<UInt8>) throws(CBORError) -> (value: CBOR, length: Int) {
        var reader = CBORReader(bytes: bytes)
        let value = try reader.item(depth: 0)
        return (value, reader.position - bytes.startIndex)
    }

    /// Decodes `bytes` as exactly one item.
    public static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBOR {
        let (value, length) = try decodePrefix(bytes[...])
        guard length == bytes.count else { throw .trailingBytes }
        return value
    }
}

public enum CBORError: Error, Sendable, Equatable {
    case truncated
    case unsupported
    case tooDeep
    case invalidText
    case trailingBytes
}

/// Reads items from a byte slice, refusing any length the slice cannot hold before allocating it.
private struct CBORReader {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var remaining: Int { bytes.endIndex - position }

    mutating func item(depth: Int) throws(CBORError) -> CBOR {
        guard depth <= CBOR.maxDepth else { throw .tooDeep }
        let initial = try byte()
        let major = initial >> 5
        let argument = try self.argument(initial & 0x1F)
        switch major {
        case 0: return .unsigned(argument)
        case 1: return .negative(argument)
        case 2: return .bytes(try take(argument))
        case 3:
            guard let text = String(validating: try take(argument), as: UTF8.self) else { throw .invalidText }
            return .text(text)
        case 4:
            // Every item takes at least one byte: a count beyond what is left is a lie.
            guard argument <= UInt64(remaining) else { throw .truncated }
            var items: [CBOR] = []
            for _ in 0..<argument { items.append(try item(depth: depth + 1)) }
            return .array(items)
        case 5:
            guard argument <= UInt64(remaining / 2) else { throw .truncated }
            var entries: [CBOR.MapEntry] = []
            for _ in 0..<argument {
                let key = try item(depth: depth + 1)
                entries.append(CBOR.MapEntry(key: key, value: try item(depth: depth + 1)))
            }
            return .map(entries)
        case 7:
            switch initial & 0x1F {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            default: throw .unsupported
            }
        default:
            throw .unsupported  // tags
        }
    }

    mutating func byte() throws(CBORError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    /// The additional information of an initial byte: the value itself below 24, else 1, 2, 4 or 8
    /// bytes that follow. 31 (indefinite length) and the reserved values are refused.
    mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
        let width: Int
        switch info {
        case 0..<24: return UInt64(info)
        case 24: width = 1
        case 25: width = 2
        case 26: width = 4
        case 27: width = 8
        default: throw .unsupported
        }
        var value: UInt64 = 0
        for byte in try take(UInt64(width)) { value = value << 8 | UInt64(byte) }
        return value
    }

    mutating func take(_ count: UInt64) throws(CBORError) -> [UInt8] {
        guard count <= UInt64(remaining) else { throw .truncated }
        let start = position
        position += Int(count)
        return Array(bytes[start..<position])
    }
}
