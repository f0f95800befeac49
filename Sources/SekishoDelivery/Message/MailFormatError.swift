/// Why a message or a sender cannot be rendered. Such a message can never be sent as it is, so
/// a retry cannot help; the worker still records the error on the message.
public enum MailFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A header value contained a line break or another control character, which could start a
    /// header of its own (header injection).
    case controlCharacter(field: String)
    /// The address of this field is not a deliverable address.
    case invalidAddress(field: String)
    /// The Message-ID is not of the form `<id-left@id-right>` in printable ASCII.
    case invalidMessageID

    /// Starts with `permanent`, like the other delivery errors, for the outbox log.
    public var description: String {
        switch self {
        case .controlCharacter(let field): "permanent: control character in the \(field) header"
        case .invalidAddress(let field): "permanent: invalid address in the \(field) header"
        case .invalidMessageID: "permanent: invalid Message-ID"
        }
    }
}
