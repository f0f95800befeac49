import Foundation

/// 「契約情報変更」 (SPEC J3): the contract's name, postal address, phone and billing contact.
public struct ContractDetails: Sendable, Equatable {
    public enum Field {
        public static let name = "name"
        public static let postalCode = "postal_code"
        public static let address = "address"
        public static let phone = "phone"
        public static let billingContact = "billing_contact"
        public static let billingEmail = "billing_email"
    }

    public var name: String
    /// `NNN-NNNN`.
    public var postalCode: String?
    public var address: String?
    /// Digits and hyphens as typed (ASCII), 10 or 11 digits starting with 0.
    public var phone: String?
    public var billingContact: String?
    public var billingEmail: EmailAddress?

    public init(
        name: String, postalCode: String? = nil, address: String? = nil, phone: String? = nil, billingContact: String? = nil,
        billingEmail: EmailAddress? = nil
    ) {
        self.name = name
        self.postalCode = postalCode
        self.address = address
        self.phone = phone
        self.billingContact = billingContact
        self.billingEmail = billingEmail
    }

    /// The form as sent: every field checked, all problems at once. Only the name is required; the
    /// others may be left empty until the contractor has them. Full-width digits and hyphens typed
    /// with a Japanese input method are read as ASCII; a postal code without its hyphen gets one.
    public static func parse(_ form: [String: String]) throws -> ContractDetails {
        var errors = FormErrors()
        let name = TextInput.required(form[Field.name], field: Field.name, maxLength: 100, errors: &errors)
        let postalCode = optional(form[Field.postalCode]).flatMap { postal($0, errors: &errors) }
        let address = optional(form[Field.address]).flatMap {
            TextInput.required($0, field: Field.address, maxLength: 200, errors: &errors)
        }
        let phone = optional(form[Field.phone]).flatMap { phoneNumber($0, errors: &errors) }
        let contact = optional(form[Field.billingContact]).flatMap {
            TextInput.required($0, field: Field.billingContact, maxLength: 100, errors: &errors)
        }
        let email = optional(form[Field.billingEmail]).flatMap {
            ApplicationForm.email($0, field: Field.billingEmail, errors: &errors)
        }
        try errors.throwIfAny()
        guard let name else { throw errors }
        return ContractDetails(
            name: name, postalCode: postalCode, address: address, phone: phone, billingContact: contact, billingEmail: email)
    }

    private static func optional(_ raw: String?) -> String? {
        let text = TextInput.trimmed(raw ?? "")
        return text.isEmpty ? nil : text
    }

    /// Folded, with the dashes a Japanese input method may give (ー, −, ‐, …) as ASCII hyphens.
    private static func hyphenated(_ raw: String) -> String {
        String(TextInput.folded(raw).map { dashes.contains($0) ? "-" : $0 })
    }

    private static let dashes: Set<Character> = ["‐", "‑", "‒", "–", "—", "―", "−", "ー", "ｰ", "﹣"]

    private static func postal(_ raw: String, errors: inout FormErrors) -> String? {
        let folded = hyphenated(raw).replacingOccurrences(of: "〒", with: "")
        let digits = folded.filter { $0 != "-" }
        let shaped = folded.count == 8 && folded.dropFirst(3).first == "-" || folded.count == 7
        guard shaped, digits.count == 7, digits.allSatisfy(\.isASCIIDigit) else {
            errors.add(.invalidPostalCode, for: Field.postalCode)
            return nil
        }
        return "\(digits.prefix(3))-\(digits.suffix(4))"
    }

    private static func phoneNumber(_ raw: String, errors: inout FormErrors) -> String? {
        let folded = hyphenated(raw)
        let digits = folded.filter { $0 != "-" }
        guard folded.allSatisfy({ $0.isASCIIDigit || $0 == "-" }), !folded.hasPrefix("-"), !folded.hasSuffix("-"),
              !folded.contains("--"), digits.hasPrefix("0"), (10...11).contains(digits.count)
        else {
            errors.add(.invalidPhoneNumber, for: Field.phone)
            return nil
        }
        return folded
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
