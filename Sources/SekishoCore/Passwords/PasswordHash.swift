/// A stored password hash in PHC string format: `$scrypt$ln=14,r=8,p=5$<salt>$<hash>`, salt and hash
/// in unpadded base64. Everything needed to verify lives in the string, so parameters can change
/// without invalidating older hashes.
public struct PasswordHash: Sendable, Equatable {
    public let parameters: ScryptParameters
    public let salt: [UInt8]
    public let hash: [UInt8]

    public static let saltLength = 16
    public static let hashLength = 32

    public init(parameters: ScryptParameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    public var phcString: String {
        "$scrypt$\(parameters)$\(UnpaddedBase64.encode(salt))$\(UnpaddedBase64.encode(hash))"
    }

    /// Parses a stored PHC string; anything malformed is `nil` (and verifies as a mismatch).
    public init?(phcString: String) {
        let fields = phcString.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt",
              let parameters = Self.parseParameters(fields[2]),
              let salt = UnpaddedBase64.decode(fields[3]), !salt.isEmpty,
              let hash = UnpaddedBase64.decode(fields[4]), hash.count >= 16
        else { return nil }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    private static func parseParameters(_ text: Substring) -> ScryptParameters? {
        var values: [Substring: Int] = [:]
        for pair in text.split(separator: ",") {
            let keyValue = pair.split(separator: "=", maxSplits: 1)
            guard keyValue.count == 2, let number = Int(keyValue[1]), values[keyValue[0]] == nil else { return nil }
            values[keyValue[0]] = number
        }
        guard values.count == 3, let logN = values["ln"], let r = values["r"], let p = values["p"] else { return nil }
        return ScryptParameters(logN: logN, blockSize: r, parallelism: p)
    }
}
