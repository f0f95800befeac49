/// A user name and password for SMTP AUTH. Its descriptions and mirror hide the password, so
/// printing or dumping a configuration never leaks it.
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The SMTP user name.
    public let username: String
    /// Sent only inside AUTH, base64 encoded, never logged.
    public let password: String

    /// Credentials for AUTH PLAIN or AUTH LOGIN.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The user name, with the password redacted.
    public var description: String { "SMTPCredentials(username: \(username), password: <redacted>)" }
    /// Same as ``description``: the password redacted.
    public var debugDescription: String { description }
    /// Keeps the password out of `dump` and other reflection.
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "<redacted>"]) }
}
