/// What is wrong with one form field. The web layer turns each case into a sentence of the page's
/// language (`problem.<rawValue>` in the strings files) shown next to the field.
public enum FieldProblem: String, Sendable, Equatable, CaseIterable {
    case required
    case tooLong
    case invalidCharacters
    case invalidEmail
    case invalidChoice
    case passwordTooShort
    case passwordTooLong
    case passwordCommon
    /// In the corpus of breached passwords (``BreachCorpus``).
    case passwordBreached
    case passwordContainsServiceName
    case passwordContainsEmail
    case passwordMismatch
    /// 「現在のパスワード」 is not the person's password (SPEC G1).
    case wrongCurrentPassword
    case invalidCode
    case invalidMobileNumber
    case invalidPostalCode
    case invalidPhoneNumber
    case invalidRecoveryCode
    case recoveryCodeNotSaved
    /// The security key's answer did not check out (or the browser gave none).
    case securityKeyFailed
    case securityKeyLimit
    case securityKeyRegistered
    /// Inviting or moving to an address that already belongs to someone of the admin's own contract.
    case emailRegistered
    /// 「メールアドレス確認用」 differs from 「メールアドレス」 (SPEC F2).
    case emailMismatch
    /// The new address is the one already registered.
    case emailUnchanged
    /// A box that must be ticked to go on (「解約に同意します」, SPEC J4).
    case notConfirmed
}

/// A form that cannot be accepted as sent: every field with its problem, so the page can come back
/// with all messages at once (status 422).
public struct FormErrors: Error, Sendable, Equatable {
    public private(set) var problems: [String: FieldProblem] = [:]

    public init() {}

    public init(_ problems: [String: FieldProblem]) { self.problems = problems }

    public var isEmpty: Bool { problems.isEmpty }

    /// Records the first problem of a field; later ones for the same field are less useful to the reader.
    public mutating func add(_ problem: FieldProblem, for field: String) {
        if problems[field] == nil { problems[field] = problem }
    }

    public subscript(field: String) -> FieldProblem? { problems[field] }

    /// Throws `self` when any problem was recorded.
    public func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}
