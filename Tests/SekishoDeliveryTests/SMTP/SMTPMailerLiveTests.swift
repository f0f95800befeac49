import Foundation
import Logging
import SekishoCore
import SekishoTestSupport
import SekishoDelivery
import Testing

/// SMTPMailer against a real server (aiosmtpd) in every security mode.
///
/// Skipped when the Python interpreter (`SEKISHO_TEST_PYTHON`, else `python3`) cannot import
/// aiosmtpd: install it with `pip install aiosmtpd`. CI always has it, so there these tests run.
@Suite(
    "SMTPMailer against aiosmtpd",
    .enabled(if: SMTPTestServer.isAvailable, "needs a Python with aiosmtpd (SEKISHO_TEST_PYTHON)"),
    .timeLimit(.minutes(1)))
struct SMTPMailerLiveTests {
    static let user = "mailer"
    static let password = "p@ss wörd:1"

    func mailer(
        _ server: SMTPTestServer, security: SMTPConfiguration.Security, host: String = "localhost",
        credentials: SMTPCredentials? = nil, certificate: TestCertificate? = nil
    ) throws -> SMTPMailer {
        let configuration = SMTPConfiguration(
            host: host, port: server.port, security: security, credentials: credentials,
            additionalCAFile: certificate?.certificate.path, heloName: "sekisho.example.jp",
            connectTimeout: .seconds(5), replyTimeout: .seconds(10))
        return try SMTPMailer(
            configuration: configuration, sender: Sample.sender(), clock: FixedClock(), logger: Logger(label: "test"))
    }

    func withCertificate<T>(_ body: (TestCertificate) async throws -> T) async throws -> T {
        let directory = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(TestCertificate.make(in: directory))
    }

    /// The one message the server got: envelope, subject and body as sent.
    func expectReceivedSample(_ server: SMTPTestServer, tls: Bool, authenticated: Bool) throws {
        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].mailFrom == "no-reply@example.jp")
        #expect(received[0].recipients == ["taro@example.com"])
        #expect(received[0].tls == tls)
        #expect(received[0].authenticated == authenticated)
        let parsed = try ParsedMail(Array(received[0].content))
        #expect(try parsed.decodedHeader("Subject") == Sample.subject)
        #expect(parsed.header("Message-ID") == "<42.test@example.jp>")
        // The body holds a line that starts with a dot: dot-stuffing must be undone exactly.
        #expect(parsed.body == Sample.body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("plain, without authentication")
    func plain() async throws {
        try await SMTPTestServer.with { server in
            try await mailer(server, security: .plain, host: "127.0.0.1").deliver(Sample.queued())
            try expectReceivedSample(server, tls: false, authenticated: false)
        }
    }

    @Test("STARTTLS with the mechanism the server offers", arguments: ["PLAIN", "LOGIN"])
    func startTLS(mechanism: String) async throws {
        try await withCertificate { certificate in
            try await SMTPTestServer.with(
                tls: .starttls, certificate: certificate, user: Self.user, password: Self.password, mechanism: mechanism
            ) { server in
                let credentials = SMTPCredentials(username: Self.user, password: Self.password)
                // LOGIN also checks the certificate against an IP address rather than a name.
                let host = mechanism == "LOGIN" ? "127.0.0.1" : "localhost"
                try await mailer(server, security: .startTLS, host: host, credentials: credentials, certificate: certificate)
                    .deliver(Sample.queued())
                try expectReceivedSample(server, tls: true, authenticated: true)
            }
        }
    }

    @Test("implicit TLS with AUTH")
    func implicitTLS() async throws {
        try await withCertificate { certificate in
            try await SMTPTestServer.with(tls: .smtps, certificate: certificate, user: Self.user, password: Self.password) {
                server in
                let credentials = SMTPCredentials(username: Self.user, password: Self.password)
                try await mailer(server, security: .implicitTLS, credentials: credentials, certificate: certificate)
                    .deliver(Sample.queued())
                try expectReceivedSample(server, tls: true, authenticated: true)
            }
        }
    }

    @Test("a wrong password is a permanent AUTH failure and sends nothing")
    func wrongPassword() async throws {
        try await withCertificate { certificate in
            try await SMTPTestServer.with(tls: .starttls, certificate: certificate, user: Self.user, password: Self.password) {
                server in
                let credentials = SMTPCredentials(username: Self.user, password: "wrong")
                let mailer = try mailer(server, security: .startTLS, credentials: credentials, certificate: certificate)
                let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer.deliver(Sample.queued()) }
                #expect(error?.stage == .authentication)
                #expect(error?.kind == .rejected(code: 535))
                #expect(error?.isPermanent == true)
                #expect(error?.description.contains("wrong") == false)
                #expect(try server.received().isEmpty)
            }
        }
    }

    @Test("STARTTLS required but not offered fails instead of sending in clear")
    func startTLSNotOffered() async throws {
        try await SMTPTestServer.with { server in
            let mailer = try mailer(server, security: .startTLS)
            let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer.deliver(Sample.queued()) }
            #expect(error?.stage == .startTLS)
            #expect(error?.kind == .unsupported)
            #expect(try server.received().isEmpty)
        }
    }

    @Test("credentials never go over a connection without TLS")
    func noCredentialsInClear() async throws {
        try await SMTPTestServer.with(user: Self.user, password: Self.password) { server in
            let credentials = SMTPCredentials(username: Self.user, password: Self.password)
            let mailer = try mailer(server, security: .plain, credentials: credentials)
            let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer.deliver(Sample.queued()) }
            #expect(error?.stage == .authentication)
            #expect(error?.kind == .unsupported)
        }
    }

    @Test("a certificate outside the trust roots is refused")
    func untrustedCertificate() async throws {
        try await withCertificate { certificate in
            try await SMTPTestServer.with(tls: .smtps, certificate: certificate) { server in
                let mailer = try mailer(server, security: .implicitTLS)
                let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer.deliver(Sample.queued()) }
                #expect(error?.kind == .tls)
                #expect(error?.isPermanent == true)
                #expect(try server.received().isEmpty)
            }
        }
    }
}
