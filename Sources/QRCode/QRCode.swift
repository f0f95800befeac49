/// A QR code symbol (ISO/IEC 18004:2015, Model 2) carrying bytes in a single byte-mode segment at
/// error correction level M (about 15 % of codewords recoverable). It is what the two-step
/// verification page shows for an authenticator's `otpauth://` URI.
///
/// The encoder is pure Swift with no dependencies. It picks the smallest version (1...40) that
/// holds the data and, of the eight data masks, the one with the lowest penalty score. The result
/// is an immutable module matrix; ``svg(moduleSize:quietZone:title:)`` draws it.
///
/// ```swift
/// let code = try QRCode(encoding: "otpauth://totp/Sekisho:alice?secret=JBSWY3DPEHPK3PXP")
/// let markup = code.svg(title: "Two-step verification QR code")
/// ```
public struct QRCode: Sendable, Hashable {
    /// The symbol version, 1...40; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// The data mask pattern reference, 0...7, that scored the lowest penalty.
    public let mask: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major module colours, `true` for dark.
    private let modules: [Bool]

    /// The largest version produced.
    public static let maximumVersion = 40

    /// The most bytes one symbol holds (2331, version 40 at level M).
    public static var maximumByteCount: Int { VersionTable.byteCapacity(version: maximumVersion) }

    /// The most bytes a symbol of `version` holds at level M in byte mode (14 for version 1,
    /// 213 for version 10), or `nil` for a version outside 1...40.
    public static func byteCapacity(version: Int) -> Int? {
        VersionTable.versions.contains(version) ? VersionTable.byteCapacity(version: version) : nil
    }

    /// Encodes the UTF-8 bytes of `text`.
    ///
    /// No ECI header is written: like almost every encoder, this relies on readers recognising
    /// UTF-8, which phone cameras and authenticator apps do.
    ///
    /// - Throws: ``QRCodeError/dataTooLong(byteCount:maximumByteCount:)`` beyond 2331 bytes.
    public init(encoding text: String) throws(QRCodeError) {
        try self.init(encoding: Array(text.utf8))
    }

    /// Encodes `bytes` as they are.
    ///
    /// - Throws: ``QRCodeError/dataTooLong(byteCount:maximumByteCount:)`` beyond 2331 bytes.
    public init(encoding bytes: [UInt8]) throws(QRCodeError) {
        guard let version = VersionTable.smallestVersion(fitting: bytes.count) else {
            throw .dataTooLong(byteCount: bytes.count, maximumByteCount: Self.maximumByteCount)
        }
        var builder = MatrixBuilder(version: version)
        builder.placeCodewords(CodewordSequence.codewords(for: bytes, version: version))
        self.init(builder: builder, mask: Self.bestMask(for: builder))
    }

    /// Finishes `builder` (data placed, unmasked) with `mask`.
    init(builder unmasked: MatrixBuilder, mask: Int) {
        var builder = unmasked
        builder.applyMask(mask)
        builder.drawFormatBits(mask: mask)
        version = builder.version
        self.mask = mask
        size = builder.size
        modules = builder.modules
    }

    /// The mask with the lowest penalty, scored on the finished symbol (format information
    /// included, as the standard asks); ties go to the lower mask number.
    private static func bestMask(for builder: MatrixBuilder) -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            var candidate = builder
            candidate.applyMask(mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = MaskPenalty.score(candidate.modules, size: candidate.size)
            if penalty < best.penalty {
                best = (mask, penalty)
            }
        }
        return best.mask
    }

    /// Whether the module at `row`, `column` (both from 0 at the top-left) is dark. Coordinates
    /// outside the symbol are the light quiet zone and return `false`.
    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, row < size, column >= 0, column < size else { return false }
        return modules[row * size + column]
    }

    /// The same as ``isDark(row:column:)``.
    public subscript(row: Int, column: Int) -> Bool {
        isDark(row: row, column: column)
    }

    /// How many modules are dark.
    public var darkModuleCount: Int {
        modules.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}
