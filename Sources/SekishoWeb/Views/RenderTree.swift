/// A view model turned, once per render, into dictionaries and arrays that swift-mustache reads by
/// key. Left as they are, view models are read through `Mirror` at every tag, and every lookup of a
/// name walks all the fields of each context on the stack. Reading them once through `Mirror` was
/// still 9 % of a signed-in page (the runtime demangles each field's type at each read), so view
/// models are `Encodable` and this encoder, driven by the compiler's code for each type, builds the
/// tree. A `nil` field is left out, which swift-mustache treats exactly as it treats `nil`.
enum RenderTree {
    static func make(_ model: some Encodable) -> Any {
        do {
            return try TreeEncoder.tree(of: model)
        } catch {
            preconditionFailure("view models encode without errors, and this encoder throws none: \(error)")
        }
    }
}

/// Collects one value: a dictionary (keyed), an array (unkeyed) or a single value. Nested values
/// get an encoder of their own, whose tree goes into the parent's dictionary or array.
private final class TreeEncoder: Encoder {
    var fields: [String: Any]?
    var items: [Any]?
    var single: Any?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var tree: Any {
        if let single { return single }
        if let fields { return fields }
        return items ?? [Any]()
    }

    static func tree(of value: some Encodable) throws -> Any {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.tree
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if fields == nil { fields = [:] }
        return KeyedEncodingContainer(Fields(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if items == nil { items = [] }
        return Items(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Fields<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: String, forKey key: Key) { encoder.fields?[key.stringValue] = value }
        mutating func encode(_ value: Bool, forKey key: Key) { encoder.fields?[key.stringValue] = value }
        mutating func encode(_ value: Int, forKey key: Key) { encoder.fields?[key.stringValue] = value }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            encoder.fields?[key.stringValue] = try TreeEncoder.tree(of: value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            unsupported()
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            unsupported()
        }

        mutating func superEncoder() -> any Encoder { unsupported() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { unsupported() }
    }

    struct Items: UnkeyedEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }
        var count: Int { encoder.items?.count ?? 0 }

        mutating func encodeNil() {}
        mutating func encode(_ value: String) { encoder.items?.append(value) }
        mutating func encode(_ value: Bool) { encoder.items?.append(value) }
        mutating func encode(_ value: Int) { encoder.items?.append(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.items?.append(try TreeEncoder.tree(of: value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            unsupported()
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            unsupported()
        }

        mutating func superEncoder() -> any Encoder { unsupported() }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: String) { encoder.single = value }
        mutating func encode(_ value: Bool) { encoder.single = value }
        mutating func encode(_ value: Int) { encoder.single = value }
        /// A number other than `Int` (`Double`, `UInt8`, a `Date`'s seconds…) is a leaf: encoding it
        /// again would come straight back here.
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.single = value is any Numeric ? value : try TreeEncoder.tree(of: value)
        }
    }
}

/// Nested containers and super encoders are for hand-written `encode(to:)`; view models use the
/// compiler's conformances, which never ask for them.
private func unsupported() -> Never {
    preconditionFailure("view models use the compiler's Encodable conformances")
}
