import SekishoCore

/// What a re-shown form needs: the values typed (never passwords) and a sentence per bad field.
struct FormFeedback: Sendable, Encodable {
    let values: [String: String]
    let errors: [String: String]
    let hasErrors: Bool

    static let empty = FormFeedback(values: [:], errors: [:], hasErrors: false)

    init(values: [String: String], errors: [String: String], hasErrors: Bool) {
        self.values = values
        self.errors = errors
        self.hasErrors = hasErrors
    }

    /// `values` to show, with each problem in the page's language.
    init(values: [String: String], errors: FormErrors, strings: Strings, language: Language) {
        self.values = values
        self.errors = errors.problems.mapValues { strings.text("problem.\($0.rawValue)", language) }
        self.hasErrors = !errors.isEmpty
    }

    /// The submitted `fields` of `form` kept for re-display, with each problem in the page's language.
    init(form: FormBody, keeping fields: [String], errors: FormErrors, strings: Strings, language: Language) {
        var values: [String: String] = [:]
        for field in fields { values[field] = form[field] }
        self.init(values: values, errors: errors, strings: strings, language: language)
    }
}
