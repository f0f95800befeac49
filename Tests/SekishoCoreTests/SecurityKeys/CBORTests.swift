import SekishoCore
import SekishoTestSupport
import Testing

@Suite("CBOR: the subset WebAuthn uses")
struct CBORTests {
    @Test("examples of RFC 8949 Appendix A decode to their values")
    func examples() throws {
        #expect(try CBOR.decode([0x00]) == .unsigned(0))
        #expect(try CBOR.decode([0x18, 0x64]) == .unsigned(100))
        #expect(try CBOR.decode([0x1B, 0, 0, 0, 0xE8, 0xD4, 0xA5, 0x10, 0]) == .unsigned(1_000_000_000_000))
        #expect(try CBOR.decode([0x38, 0x63]).integer == -100)
        #expect(try CBOR.decode([0x44, 1, 2, 3, 4]) == .bytes([1, 2, 3, 4]))
        #expect(try CBOR.decode([0x62, 0xC3, 0xBC]) == .text("ü"))
        #expect(try CBOR.decode([0x83, 0x01, 0x82, 0x02, 0x03, 0x82, 0x04, 0x05])
            == .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])]))
        let map = try CBOR.decode([0xA2, 0x61, 0x61, 0x01, 0x20, 0x82, 0xF5, 0xF6])
        #expect(map[name: "a"] == .unsigned(1))
        #expect(map[label: -1] == .array([.bool(true), .null]))
    }

    @Test("what WebAuthn never sends is refused, not guessed at", arguments: [
        ([0x5F, 0x41, 0x01, 0xFF], CBORError.unsupported),  // indefinite-length bytes
        ([0xC1, 0x00], .unsupported),  // a tag
        ([0xF9, 0x3C, 0x00], .unsupported),  // a half float
        ([0x1C], .unsupported),  // reserved additional information
        ([0x62, 0xFF, 0xFE], .invalidText),
        ([0x44, 0x01], .truncated),
        ([0x9B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], .truncated),  // an array claiming 2^64 items
        ([0x00, 0x00], .trailingBytes),
    ] as [([UInt8], CBORError)])
    func refusals(bytes: [UInt8], error: CBORError) {
        #expect(throws: error) { try CBOR.decode(bytes) }
    }

    @Test("nesting stops at the depth limit")
    func depth() throws {
        let deep = [UInt8](repeating: 0x81, count: CBOR.maxDepth + 1) + [0x00]
        #expect(throws: CBORError.tooDeep) { try CBOR.decode(deep) }
        let allowed = [UInt8](repeating: 0x81, count: CBOR.maxDepth) + [0x00]
        #expect(try CBOR.decode(allowed) != .null)
    }

    @Test("the test encoder and the decoder agree")
    func roundTrip() throws {
        let value = CBOR.map([
            .init(key: .negative(2), value: .bytes(Array(repeating: 7, count: 300))),
            .init(key: .text("fmt"), value: .array([.unsigned(70_000), .bool(false), .text("なし")])),
        ])
        #expect(try CBOR.decode(TestCBOR.encode(value)) == value)
    }
}
