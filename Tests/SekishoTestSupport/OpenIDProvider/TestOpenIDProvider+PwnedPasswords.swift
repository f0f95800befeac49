import Crypto
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A fake of Have I Been Pwned's Pwned Passwords range endpoint, for the breached-password check.
extension TestOpenIDProvider {
    /// The range endpoint, to which a client appends the five-digit prefix.
    public var pwnedPasswordsRangeURL: String { "\(issuer)/pwned/range/" }

    /// Lists `password` as breached.
    public func addBreachedPassword(_ password: String) {
        state.withLock { $0.breachedPasswordDigests.insert(Self.sha1(password)) }
    }

    /// The prefixes asked for, in order.
    public var rangePrefixes: [String] { state.withLock { $0.rangePrefixes } }

    /// The suffixes of the breached passwords under `prefix` with a count, and with `padded`, as
    /// many zero-count lines again, as the real endpoint pads.
    func rangeAnswer(prefix: String, padded: Bool) -> Response {
        let digests = state.withLock { state in
            state.rangePrefixes.append(prefix)
            return state.breachedPasswordDigests
        }
        var lines = digests.filter { $0.hasPrefix(prefix.uppercased()) }.map { "\($0.dropFirst(5)):42" }
        if padded {
            lines += (0..<3).map { _ in Self.sha1(UUID().uuidString).dropFirst(5) + ":0" }
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n"))))
    }

    static func sha1(_ text: String) -> String {
        Insecure.SHA1.hash(data: Data(text.utf8)).map { String(format: "%02X", $0) }.joined()
    }
}
