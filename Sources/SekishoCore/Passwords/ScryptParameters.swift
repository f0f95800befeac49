/// The cost of one scrypt hash. Default N = 2^14, r = 8, p = 5: OWASP's equivalent of 2^17/p=1 at
/// 16 MiB of memory per hash.
public struct ScryptParameters: Sendable, Equatable, CustomStringConvertible {
    /// log2 of N, the CPU/memory cost.
    public let logN: Int
    public let blockSize: Int
    public let parallelism: Int

    public static let `default` = ScryptParameters(checked: 14, 8, 5)

    /// Bounds keep a stored hash (or a configuration typo) from asking for absurd memory or time.
    public static let logNRange = 10...20
    public static let blockSizeRange = 1...32
    public static let parallelismRange = 1...16

    public init?(logN: Int, blockSize: Int, parallelism: Int) {
        guard Self.logNRange.contains(logN), Self.blockSizeRange.contains(blockSize),
              Self.parallelismRange.contains(parallelism)
        else { return nil }
        self.init(checked: logN, blockSize, parallelism)
    }

    private init(checked logN: Int, _ blockSize: Int, _ parallelism: Int) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Memory one hash needs: 128 · r · N bytes.
    public var memoryBytes: Int { 128 * blockSize * (1 << logN) }

    public var description: String { "ln=\(logN),r=\(blockSize),p=\(parallelism)" }
}
