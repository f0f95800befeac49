import Logging
import NIOCore
import NIOPosix
import SekishoCore
import SekishoDelivery
import SekishoTestSupport
import Testing

/// Failures that need no SMTP server: nobody listening, and a server that never answers.
@Suite("SMTPMailer connection failures", .timeLimit(.minutes(1)))
struct SMTPConnectionFailureTests {
    func mailer(port: Int, replyTimeout: Duration = .seconds(10)) throws -> SMTPMailer {
        let configuration = SMTPConfiguration(
            host: "127.0.0.1", port: port, security: .plain, connectTimeout: .seconds(5), replyTimeout: replyTimeout)
        return try SMTPMailer(configuration: configuration, sender: Sample.sender(), logger: Logger(label: "test"))
    }

    /// A listening socket that accepts connections and never writes a byte.
    func silentServer() async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
    }

    @Test("a server that is not reachable is a transient network failure")
    func unreachable() async throws {
        let closed = ClosedLoopbackPort()
        let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer(port: closed.port).deliver(Sample.queued()) }
        withExtendedLifetime(closed) {}
        #expect(error?.stage == .connect)
        #expect(error?.kind == .network)
        #expect(error?.isPermanent == false)
        #expect(error?.description.hasPrefix("transient") == true)
    }

    @Test("a server that never greets times out as a transient failure")
    func silentGreeting() async throws {
        let listener = try await silentServer()
        let port = try #require(listener.localAddress?.port)

        let mailer = try mailer(port: port, replyTimeout: .milliseconds(200))
        let error = await #expect(throws: SMTPDeliveryError.self) { try await mailer.deliver(Sample.queued()) }
        #expect(error?.stage == .greeting)
        #expect(error?.kind == .timeout)
        #expect(error?.isPermanent == false)
        try await listener.close()
    }

    @Test("an unreadable CA file fails when the mailer is made, not at delivery")
    func missingCAFile() throws {
        let configuration = SMTPConfiguration(host: "localhost", additionalCAFile: "/nonexistent/ca.pem")
        #expect(throws: (any Error).self) {
            try SMTPMailer(configuration: configuration, sender: Sample.sender(), logger: Logger(label: "test"))
        }
    }
}
