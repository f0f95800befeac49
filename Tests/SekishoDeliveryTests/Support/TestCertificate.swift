import Foundation

/// A self-signed certificate for `localhost` and 127.0.0.1, made with the openssl command.
struct TestCertificate {
    let certificate: URL
    let key: URL

    static func make(in directory: URL) async throws -> TestCertificate {
        let result = TestCertificate(
            certificate: directory.appending(path: "cert.pem"), key: directory.appending(path: "key.pem"))
        try await ExternalProcess.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", result.key.path, "-out", result.certificate.path, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        return result
    }
}
