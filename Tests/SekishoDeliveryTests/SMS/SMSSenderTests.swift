import Foundation
import Logging
import SekishoCore
import SekishoDelivery
import Testing

@Suite("SMS senders")
struct SMSSenderTests {
    static let message = Sample.queued(
        id: 7, channel: .sms, to: "+819012345678", subject: "",
        body: "【コーデックストレージ】認証コード: 123456\n有効期限は5分です。「引用」\\ {x}", attempts: 1)

    @Test("the file sender writes {\"to\", \"body\"} as one JSON file per message under outbox/sms")
    func file() async throws {
        let root = try Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let sender = FileSMSSender(directory: FileSMSSender.developmentDirectory(dataDirectory: root), logger: Logger(label: "test"))
        try await sender.deliver(Self.message)
        try await sender.deliver(Self.message)
        let directory = root.appending(path: "outbox/sms")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files == [FileSMSSender.fileName(for: Self.message)], "a retry overwrites its own file")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appending(path: files[0]))) as? [String: String]
        #expect(object == ["to": "+819012345678", "body": Self.message.body])
    }

    @Test("templates: placeholders become JSON-escaped values; a template that is not a JSON object is refused")
    func templates() throws {
        let url = try #require(URL(string: "https://sms.example.jp/send"))
        let configuration = try HTTPSMSConfiguration(url: url, bodyTemplate: #"{"dest":"{{to}}","text":"{{body}}","ref":"{{message_id}}"}"#)
        let rendered = configuration.render(to: "+819012345678", body: "a\"b\\c\n{{to}}", messageID: "<m@x>")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String])
        #expect(object == ["dest": "+819012345678", "text": "a\"b\\c\n{{to}}", "ref": "<m@x>"], "a value cannot inject a placeholder")
        #expect(throws: HTTPSMSConfigurationError.invalidTemplate) { try HTTPSMSConfiguration(url: url, bodyTemplate: "to={{to}}") }
        #expect(throws: HTTPSMSConfigurationError.invalidTemplate) { try HTTPSMSConfiguration(url: url, bodyTemplate: #"["{{to}}"]"#) }
        #expect(throws: HTTPSMSConfigurationError.invalidURL) { try HTTPSMSConfiguration(url: try #require(URL(string: "mailto:x@y"))) }
    }

    @Test("the HTTP sender posts the rendered JSON with the auth header; non-2xx is a failure to retry")
    func http() async throws {
        let stub = try await SMSProviderStub.start(statuses: [200, 503])
        defer { Task { try? await stub.shutdown() } }
        let configuration = try HTTPSMSConfiguration(
            url: try #require(URL(string: stub.url)), headers: [("Authorization", "Bearer t0ken")])
        let sender = HTTPSMSSender(configuration: configuration, logger: Logger(label: "test"))

        try await sender.deliver(Self.message)
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST" && request.uri == "/v1/messages")
        #expect(request.headers["authorization"] == "Bearer t0ken")
        #expect(request.headers["content-type"] == "application/json; charset=utf-8")
        let object = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String]
        #expect(object == ["to": "+819012345678", "text": Self.message.body])

        await #expect(throws: SMSDeliveryError.rejected(status: 503)) { try await sender.deliver(Self.message) }
    }

    @Test("an unreachable provider is a failure to retry, not a crash")
    func unreachable() async throws {
        let configuration = try HTTPSMSConfiguration(url: try #require(URL(string: "http://127.0.0.1:1/send")), timeout: .seconds(2))
        let sender = HTTPSMSSender(configuration: configuration, logger: Logger(label: "test"))
        await #expect(throws: (any Error).self) { try await sender.deliver(Self.message) }
    }
}
