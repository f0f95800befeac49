public import AsyncHTTPClient
import Crypto
import Foundation
public import Logging
public import NIOCore
import NIOHTTP1
public import SekishoCore

/// Have I Been Pwned's Pwned Passwords, asked by k-anonymity (ASVS 6.2.12): only the first five hex
/// digits of the password's SHA-1 leave the server. The answer lists the remaining 35 digits of every
/// breached password with that prefix, with a count; `Add-Padding` pads it with zero-count lines so
/// that its size tells nothing either.
public struct PwnedPasswordsRange: BreachCorpus {
    /// The range endpoint, to which the prefix is appended: `https://api.pwnedpasswords.com/range/`.
    let rangeURL: String
    let client: HTTPClient
    let timeout: TimeAmount
    let logger: Logger
    /// A range answer is a few dozen kB; more is not an answer.
    static let maximumAnswer = 1 << 20

    public init(rangeURL: String, client: HTTPClient = .federation, timeout: TimeAmount = .seconds(3), logger: Logger) {
        self.rangeURL = rangeURL
        self.client = client
        self.timeout = timeout
        self.logger = logger
    }

    public func contains(_ password: String) async throws -> Bool {
        let digest = Insecure.SHA1.hash(data: Data(password.utf8)).map { String(format: "%02X", $0) }.joined()
        do {
            var request = HTTPClientRequest(url: rangeURL + digest.prefix(5))
            request.headers.add(name: "Add-Padding", value: "true")
            let response = try await client.execute(request, timeout: timeout)
            guard response.status == .ok else { throw PwnedPasswordsUnavailable(status: Int(response.status.code)) }
            let body = try await response.body.collect(upTo: Self.maximumAnswer)
            return Self.lists(suffix: digest.dropFirst(5), in: String(buffer: body))
        } catch {
            logger.warning("breached-password check unavailable; the password was checked without it", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Whether a range answer lists `suffix` with a count above zero (padding lines count zero).
    static func lists(suffix: Substring, in answer: String) -> Bool {
        answer.split(whereSeparator: \.isNewline).contains { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].caseInsensitiveCompare(suffix) == .orderedSame else { return false }
            return (Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0) > 0
        }
    }
}

/// The range endpoint answered with something other than 200.
struct PwnedPasswordsUnavailable: Error {
    let status: Int
}
