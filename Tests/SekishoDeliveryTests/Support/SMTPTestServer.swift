import Foundation
import NIOPosix

/// A real SMTP server for the tests: `Fixtures/smtp_server.py` on aiosmtpd, one process per test,
/// on 127.0.0.1 and a free port, keeping what it receives in a temporary directory.
struct SMTPTestServer {
    enum TLSMode: String {
        case none, starttls, smtps
    }

    /// A message as the server saved it.
    struct Received: Decodable {
        let mailFrom: String
        let recipients: [String]
        let content: Data
        let tls: Bool
        let authenticated: Bool
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The interpreter: `SEKISHO_TEST_PYTHON`, else `python3` from PATH.
    static let python = ProcessInfo.processInfo.environment["SEKISHO_TEST_PYTHON"] ?? "python3"

    /// Whether that interpreter can import aiosmtpd (checked once per test run).
    static let isAvailable = ExternalProcess.succeeds([python, "-c", "import aiosmtpd"])

    static let script = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/smtp_server.py").path

    let port: Int
    let mailDirectory: URL

    /// Starts a server, runs `body` with it, then stops it (closing its stdin) and waits for it.
    static func with<T>(
        tls: TLSMode = .none, certificate: TestCertificate? = nil,
        user: String? = nil, password: String? = nil, mechanism: String? = nil,
        _ body: (SMTPTestServer) async throws -> T
    ) async throws -> T {
        let directory = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = [python, script, "--maildir", directory.path, "--tls", tls.rawValue]
        if let certificate { arguments += ["--cert", certificate.certificate.path, "--key", certificate.key.path] }
        if let user, let password { arguments += ["--user", user, "--password", password] }
        if let mechanism { arguments += ["--mechanism", mechanism] }

        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        do {
            let port = try await NIOThreadPool.singleton.runIfActive { try Self.readReadyLine(output.fileHandleForReading) }
            let result = try await body(SMTPTestServer(port: port, mailDirectory: directory))
            try await stop(process, input: input)
            return result
        } catch {
            try? await stop(process, input: input)
            throw error
        }
    }

    /// Closing stdin tells the script to stop; then wait for it off the cooperative pool.
    private static func stop(_ process: Process, input: Pipe) async throws {
        try input.fileHandleForWriting.close()
        try await NIOThreadPool.singleton.runIfActive { process.waitUntilExit() }
    }

    /// Every message received so far, oldest first.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }
        return try names.map {
            try JSONDecoder().decode(Received.self, from: Data(contentsOf: mailDirectory.appending(path: $0)))
        }
    }

    /// Reads stdout up to `READY <port>`; fails when the script ends first (EOF).
    private static func readReadyLine(_ handle: FileHandle) throws -> Int {
        var line: [UInt8] = []
        while let byte = try handle.read(upToCount: 1)?.first {
            if byte == UInt8(ascii: "\n") {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) { return port }
                line = []
            } else {
                line.append(byte)
            }
        }
        throw Failed(description: "the SMTP test server exited before it was ready")
    }
}
