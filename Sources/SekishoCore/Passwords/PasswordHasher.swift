import Crypto
import CryptoExtras
import Foundation

/// Hashes and verifies passwords with scrypt. Slow by design, so every call runs on the bounded
/// ``HashingPool``, never on an event loop or the cooperative thread pool.
public struct PasswordHasher: Sendable {
    public let parameters: ScryptParameters
    private let pool: HashingPool
    /// Verified when the email is unknown, so that answer takes as long as a wrong password.
    private let dummy: PasswordHash

    public init(parameters: ScryptParameters, pool: HashingPool) {
        self.parameters = parameters
        self.pool = pool
        self.dummy = PasswordHash(
            parameters: parameters, salt: Array(repeating: 0x5A, count: PasswordHash.saltLength),
            hash: Array(repeating: 0, count: PasswordHash.hashLength))
    }

    public func hash(_ password: String) async throws -> PasswordHash {
        let parameters = self.parameters
        let salt = SymmetricKey(size: .init(bitCount: PasswordHash.saltLength * 8)).withUnsafeBytes { Array($0) }
        let hash = try await pool.run {
            try Self.derive(password, salt: salt, parameters: parameters, length: PasswordHash.hashLength)
        }
        return PasswordHash(parameters: parameters, salt: salt, hash: hash)
    }

    /// `true` when `password` matches `stored`. A malformed stored string never matches; a `nil` one
    /// (unknown email) is checked against the dummy hash so the time taken is the same.
    public func verify(_ password: String, against stored: String?) async throws -> Bool {
        let parsed = stored.flatMap(PasswordHash.init(phcString:))
        let target = parsed ?? dummy
        let derived = try await pool.run {
            try Self.derive(password, salt: target.salt, parameters: target.parameters, length: target.hash.count)
        }
        return parsed != nil && ConstantTime.equals(derived, target.hash)
    }

    /// Whether a stored hash should be recomputed with the current parameters at the next sign-in.
    public func needsRehash(_ stored: String) -> Bool {
        PasswordHash(phcString: stored)?.parameters != parameters
    }

    private static func derive(
        _ password: String, salt: [UInt8], parameters: ScryptParameters, length: Int
    ) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(PasswordText.normalize(password).utf8), salt: salt, outputByteCount: length,
            rounds: 1 << parameters.logN, blockSize: parameters.blockSize, parallelism: parameters.parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
