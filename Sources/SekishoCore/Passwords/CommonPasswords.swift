import Foundation

/// The 10,000 most common passwords (Django's list, see `Resources/`), loaded once and compared
/// case-insensitively against the whole candidate password.
public struct CommonPasswords: Sendable {
    private let entries: Set<String>

    public init(entries: some Sequence<String>) {
        self.entries = Set(entries.map { $0.lowercased() })
    }

    /// The list shipped with Sekisho.
    public static let shipped: CommonPasswords = {
        guard let url = Bundle.module.url(forResource: "common-passwords-10k", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("the common-passwords resource is part of the build") }
        return CommonPasswords(entries: text.split(whereSeparator: \.isNewline).map(String.init))
    }()

    public var count: Int { entries.count }

    public func contains(_ password: String) -> Bool {
        entries.contains(password.lowercased())
    }
}
