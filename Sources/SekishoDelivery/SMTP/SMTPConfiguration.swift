/// Where and how ``SMTPMailer`` connects.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// No TLS: only for a relay on the same host or network, and for tests.
        case plain
        /// Connect in clear, then upgrade with STARTTLS after EHLO (submission, port 587).
        /// Delivery fails when the server does not offer STARTTLS: there is no silent downgrade.
        case startTLS
        /// TLS from the first byte (submissions, port 465).
        case implicitTLS

        /// The usual port of the mode: 25, 587 or 465.
        public var defaultPort: Int {
            switch self {
            case .plain: 25
            case .startTLS: 587
            case .implicitTLS: 465
            }
        }
    }

    /// The server's host name or IP address; the server certificate must be valid for it.
    public var host: String
    /// The TCP port; defaults to ``Security/defaultPort``.
    public var port: Int
    /// Plain, STARTTLS or implicit TLS.
    public var security: Security
    /// Sent with AUTH PLAIN or AUTH LOGIN (whichever the server offers, PLAIN preferred);
    /// `nil` sends mail without authenticating.
    public var credentials: SMTPCredentials?
    /// Allows credentials over a ``Security/plain`` connection. Off: without TLS, delivery with
    /// credentials fails instead of exposing the password.
    public var allowsPlaintextAuthentication: Bool
    /// A PEM file of extra CA certificates to trust besides the system roots (a private CA).
    public var additionalCAFile: String?
    /// The name this client gives in EHLO/HELO: the host's fully qualified domain name.
    public var heloName: String
    /// Longest wait for the TCP connection.
    public var connectTimeout: Duration
    /// Longest wait for each reply of the server (including the TLS handshake that precedes it).
    public var replyTimeout: Duration

    /// - Parameters:
    ///   - host: the server; with TLS its certificate is verified against this name.
    ///   - port: `nil` takes ``Security/defaultPort`` of `security`.
    ///   - security: ``Security/startTLS`` unless the server demands otherwise.
    ///   - credentials: for AUTH, or `nil`.
    ///   - allowsPlaintextAuthentication: see ``allowsPlaintextAuthentication``.
    ///   - additionalCAFile: a PEM file of CA certificates, or `nil` for the system roots only.
    ///   - heloName: the name given in EHLO.
    ///   - connectTimeout: default 30 seconds.
    ///   - replyTimeout: default 30 seconds.
    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLS,
        credentials: SMTPCredentials? = nil,
        allowsPlaintextAuthentication: Bool = false,
        additionalCAFile: String? = nil,
        heloName: String = "localhost",
        connectTimeout: Duration = .seconds(30),
        replyTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.credentials = credentials
        self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
        self.additionalCAFile = additionalCAFile
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }
}
