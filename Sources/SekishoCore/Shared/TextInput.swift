import Foundation

/// Rules for free text typed into a form: surrounding blanks (including the full-width space) are
/// removed, control characters are refused, and every field has a length limit.
public enum TextInput {
    /// Trims a submitted value and checks it. Returns the clean text, or `nil` after recording why not.
    public static func required(
        _ raw: String?, field: String, maxLength: Int, errors: inout FormErrors
    ) -> String? {
        let text = trimmed(raw ?? "")
        if text.isEmpty {
            errors.add(.required, for: field)
            return nil
        }
        if text.count > maxLength {
            errors.add(.tooLong, for: field)
            return nil
        }
        if text.unicodeScalars.contains(where: isForbidden) {
            errors.add(.invalidCharacters, for: field)
            return nil
        }
        return text
    }

    /// Removes leading and trailing white space and line breaks, ASCII or not.
    public static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Trimmed and NFKC-folded: full-width digits, letters, hyphens and spaces become ASCII, so codes and
    /// numbers typed with a Japanese input method are read as meant.
    public static func folded(_ text: String) -> String {
        trimmed(text.precomposedStringWithCompatibilityMapping)
    }

    /// Control and format characters have no place in names or addresses and can disguise text.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }
}
