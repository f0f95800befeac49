/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Equatable {
    /// The data needs more codewords than the largest supported symbol (version 40 at error
    /// correction level M) holds in byte mode.
    ///
    /// - Parameters:
    ///   - byteCount: how many bytes were given.
    ///   - maximumByteCount: the most bytes one symbol can carry (``QRCode/maximumByteCount``).
    case dataTooLong(byteCount: Int, maximumByteCount: Int)
}

extension QRCodeError: CustomStringConvertible {
    /// A sentence for logs and test failures.
    public var description: String {
        switch self {
        case let .dataTooLong(byteCount, maximumByteCount):
            "QR code data too long: \(byteCount) bytes, at most \(maximumByteCount) fit in byte mode at level M"
        }
    }
}
