public import SekishoCore

/// The configured sender of every mail: the `From` header and the SMTP envelope sender.
///
/// Validated once, when the configuration is read, so a bad sender fails at start-up instead
/// of at every delivery.
public struct MailSender: Sendable, Equatable {
    /// Shown by mail programs next to the address, e.g. `コーデックストレージ`; may be empty.
    public let displayName: String
    /// The mailbox, e.g. `no-reply@example.jp`.
    public let address: EmailAddress

    /// Throws ``MailFormatError`` when the name contains a control character (a line break could
    /// inject a header) or the address is not deliverable.
    public init(displayName: String, address: String) throws {
        guard !HeaderText.containsControlCharacter(displayName) else {
            throw MailFormatError.controlCharacter(field: "From")
        }
        self.displayName = displayName
        self.address = try HeaderText.address(address, field: "From")
    }
}

/// Checks shared by every header value.
enum HeaderText {
    /// True when `text` holds a C0 or C1 control character or DEL (CR and LF among them).
    static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The address as it will appear in headers and SMTP commands; refuses control characters
    /// explicitly (rather than relying on trimming) and anything ``EmailAddress`` does not accept.
    static func address(_ raw: String, field: String) throws -> EmailAddress {
        guard !containsControlCharacter(raw) else { throw MailFormatError.controlCharacter(field: field) }
        guard let address = EmailAddress(parsing: raw) else { throw MailFormatError.invalidAddress(field: field) }
        return address
    }
}
