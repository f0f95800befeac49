/// The new-contract form as submitted, every field optional because anything may be missing.
public struct ApplicationForm: Sendable {
    /// Field names, shared by the page, the use case's problems and the command line.
    public enum Field {
        public static let companyName = "company_name"
        public static let name = "name"
        public static let email = "email"
        public static let plan = "plan"
        public static let password = "password"
        public static let passwordConfirmation = "password_confirmation"
    }

    public static let maxNameLength = 100

    public var companyName: String?
    public var applicantName: String?
    public var email: String?
    public var plan: String?
    public var password: String?
    public var passwordConfirmation: String?

    public init(
        companyName: String?, applicantName: String?, email: String?, plan: String?,
        password: String?, passwordConfirmation: String?
    ) {
        self.companyName = companyName
        self.applicantName = applicantName
        self.email = email
        self.plan = plan
        self.password = password
        self.passwordConfirmation = passwordConfirmation
    }

    /// Every problem of the form at once, or the clean values.
    public func validate(policy: PasswordPolicy) throws -> ValidApplication {
        var errors = FormErrors()
        let (company, name, address, chosenPlan) = fields(errors: &errors)
        let password = policy.check(
            password: password, confirmation: passwordConfirmation, email: address,
            field: Field.password, confirmationField: Field.passwordConfirmation, errors: &errors)
        try errors.throwIfAny()
        guard let company, let name, let address, let chosenPlan, let password else { throw errors }
        return ValidApplication(companyName: company, applicantName: name, email: address, plan: chosenPlan, password: password)
    }

    /// The fields but the password, for an application with Google or Facebook (the password
    /// fields are ignored). Throws ``FormErrors``.
    public func validateDraft() throws -> ApplicationDraft {
        var errors = FormErrors()
        let (company, name, address, chosenPlan) = fields(errors: &errors)
        try errors.throwIfAny()
        guard let company, let name, let address, let chosenPlan else { throw errors }
        return ApplicationDraft(companyName: company, applicantName: name, email: address, plan: chosenPlan)
    }

    private func fields(errors: inout FormErrors) -> (String?, String?, EmailAddress?, Plan?) {
        let company = TextInput.required(companyName, field: Field.companyName, maxLength: Self.maxNameLength, errors: &errors)
        let name = TextInput.required(applicantName, field: Field.name, maxLength: Self.maxNameLength, errors: &errors)
        let address = Self.email(email, field: Field.email, errors: &errors)
        let chosenPlan = plan.flatMap(Plan.init(rawValue:))
        if chosenPlan == nil { errors.add(plan.map { _ in .invalidChoice } ?? .required, for: Field.plan) }
        return (company, name, address, chosenPlan)
    }

    /// Parses an email field, recording `required`, `tooLong` or `invalidEmail`.
    public static func email(_ raw: String?, field: String, errors: inout FormErrors) -> EmailAddress? {
        let text = TextInput.trimmed(raw ?? "")
        if text.isEmpty {
            errors.add(.required, for: field)
        } else if text.count > EmailAddress.maxLength {
            errors.add(.tooLong, for: field)
        } else if let address = EmailAddress(parsing: text) {
            return address
        } else {
            errors.add(.invalidEmail, for: field)
        }
        return nil
    }
}

/// An application form that passed every rule.
public struct ValidApplication: Sendable {
    public let companyName: String
    public let applicantName: String
    public let email: EmailAddress
    public let plan: Plan
    public let password: String
}
