/// The service extensions a server lists in its EHLO reply (RFC 5321 §4.1.1.1), one per line
/// after the first: a keyword and its parameters, such as `AUTH PLAIN LOGIN` or `STARTTLS`.
struct SMTPCapabilities: Equatable {
    /// Upper-cased keyword → upper-cased parameters.
    private let extensions: [String: [String]]

    /// After HELO, or an EHLO reply that lists nothing.
    static let none = SMTPCapabilities(extensions: [:])

    private init(extensions: [String: [String]]) {
        self.extensions = extensions
    }

    init(ehloReply reply: SMTPReply) {
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            // Some old servers write `AUTH=PLAIN LOGIN`.
            let words = line.uppercased().split { $0 == " " || $0 == "=" }.map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword, default: []].append(contentsOf: words.dropFirst())
        }
        self.extensions = extensions
    }

    var supportsStartTLS: Bool { extensions["STARTTLS"] != nil }

    /// The SASL mechanisms after `AUTH`, e.g. `["PLAIN", "LOGIN"]`.
    var authMechanisms: Set<String> { Set(extensions["AUTH"] ?? []) }
}
