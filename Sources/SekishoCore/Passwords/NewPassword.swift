/// A password chosen on a form with its confirmation (reset, registration by link, email change):
/// checked against the policy with the person's email as context, then hashed, before any
/// transaction starts. The field names are the forms' `password` and `password_confirmation`.
enum NewPassword {
    static let field = "password"
    static let confirmationField = "password_confirmation"

    /// The PHC string of the accepted password. Throws ``FormErrors`` with the reason.
    static func hash(
        _ password: String?, confirmation: String?, email: EmailAddress, policy: PasswordPolicy, hasher: PasswordHasher
    ) async throws -> String {
        var errors = FormErrors()
        let checked = policy.check(
            password: password, confirmation: confirmation, email: email,
            field: field, confirmationField: confirmationField, errors: &errors)
        try errors.throwIfAny()
        guard let checked else { throw errors }
        if let breached = await policy.breachProblem(with: checked) { throw FormErrors([field: breached]) }
        return try await hasher.hash(checked).phcString
    }
}
