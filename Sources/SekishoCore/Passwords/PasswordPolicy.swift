import Foundation

/// What a new password must satisfy (STANDARDS: NIST 800-63B-4 §3.1.1.2, ASVS 6.2): a length window,
/// no composition rules, a block list of common passwords and context words, and, when one is
/// configured, a corpus of breached passwords.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 8
    /// Far above the 128 that must be accepted, low enough that nobody hashes a megabyte.
    public static let maximumLength = 256
    /// A local part shorter than this is too common a substring to ban ("a@…" would ban every "a").
    static let minimumBannedLocalPartLength = 3

    /// Words no password may contain: the service's names (ASVS 6.1.2), lower-cased.
    public let bannedWords: [String]
    public let commonPasswords: CommonPasswords
    public let breaches: (any BreachCorpus)?

    public init(bannedWords: [String], commonPasswords: CommonPasswords, breaches: (any BreachCorpus)? = nil) {
        self.bannedWords = bannedWords.map { $0.lowercased() }.filter { !$0.isEmpty }
        self.commonPasswords = commonPasswords
        self.breaches = breaches
    }

    /// ``FieldProblem/passwordBreached`` when the breach corpus holds the password. A corpus that
    /// cannot be asked (its service down) does not stop anyone from choosing a password: the rules
    /// above still hold, and the corpus reports its own failure.
    public func breachProblem(with password: String) async -> FieldProblem? {
        guard let breaches, (try? await breaches.contains(PasswordText.normalize(password))) == true else { return nil }
        return .passwordBreached
    }

    /// The first rule a candidate breaks, or `nil` when it may be used. Lengths count Unicode code
    /// points after NFKC, as NIST asks.
    public func problem(with password: String, email: EmailAddress?) -> FieldProblem? {
        let normalized = PasswordText.normalize(password)
        let length = normalized.unicodeScalars.count
        if length < Self.minimumLength { return .passwordTooShort }
        if length > Self.maximumLength { return .passwordTooLong }
        if commonPasswords.contains(normalized) { return .passwordCommon }
        let folded = normalized.lowercased()
        if bannedWords.contains(where: folded.contains) { return .passwordContainsServiceName }
        if let local = email?.localPart, local.count >= Self.minimumBannedLocalPartLength, folded.contains(local) {
            return .passwordContainsEmail
        }
        return nil
    }

    /// Checks a new password and its confirmation, recording problems under the two field names.
    public func check(
        password: String?, confirmation: String?, email: EmailAddress?,
        field: String, confirmationField: String, errors: inout FormErrors
    ) -> String? {
        guard let password, !password.isEmpty else {
            errors.add(.required, for: field)
            return nil
        }
        if let problem = problem(with: password, email: email) {
            errors.add(problem, for: field)
            return nil
        }
        guard let confirmation, ConstantTime.equals(password, confirmation) else {
            errors.add(.passwordMismatch, for: confirmationField)
            return nil
        }
        return password
    }
}

/// The one place that decides which bytes of a typed password are hashed.
public enum PasswordText {
    /// NFKC, so the same password typed on a different keyboard or input method still matches.
    /// Nothing else: no trimming, no case folding, no truncation (ASVS 6.2.8).
    public static func normalize(_ password: String) -> String {
        password.precomposedStringWithCompatibilityMapping
    }
}
