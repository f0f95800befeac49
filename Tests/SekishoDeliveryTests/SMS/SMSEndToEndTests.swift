import Foundation
import Logging
import SekishoCore
import SekishoDelivery
import SekishoStore
import SekishoTestSupport
import Testing

@Suite("SMS end to end: sign-in → outbox → HTTP provider → the code typed back")
struct SMSEndToEndTests {
    @Test("the code a person receives through the HTTP provider completes two-step verification", arguments: StoreKind.available)
    func throughTheProvider(kind: StoreKind) async throws {
        let stub = try await SMSProviderStub.start(statuses: [500])
        defer { Task { try? await stub.shutdown() } }
        try await withTestStore(kind) { store async throws in
            let services = TestServices(store: store)
            _ = try await services.createContract.execute(TestServices.applicationForm(email: "taro@example.jp"))
            let signedIn = try await services.signIn.execute(
                email: "taro@example.jp", password: "correct horse battery", previous: nil, client: TestServices.client)
            let session = try #require(try await services.sessions.resume(signedIn.token, client: TestServices.client))
            try await services.twoStep.startSMS(session, phone: "080-9876-5432", client: TestServices.client)

            let provider = try HTTPSMSConfiguration(
                url: try #require(URL(string: stub.url)), headers: [("X-Api-Key", "k")],
                bodyTemplate: #"{"msisdn":"{{to}}","message":"{{body}}","id":"{{message_id}}"}"#)
            let mailDirectory = try Sample.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: mailDirectory) }
            let worker = OutboxWorker(
                queue: store.outboxQueue,
                mailer: FileMailer(directory: mailDirectory, sender: try Sample.sender(), logger: Logger(label: "test")),
                smsSender: HTTPSMSSender(configuration: provider, logger: Logger(label: "test")),
                clock: services.clock, logger: Logger(label: "test"))

            #expect(try await worker.runOnce() == .init(delivered: 0, failed: 1), "the provider's 500 is retried later")
            services.clock.advance(by: 30)
            #expect(try await worker.runOnce() == .init(delivered: 1, failed: 0))

            #expect(stub.requests.count == 2)
            let request = try #require(stub.requests.last)
            #expect(request.headers["x-api-key"] == "k")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String])
            #expect(object["msisdn"] == "+818098765432")
            #expect(object["id"] == stub.requests.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: String] }?["id"],
                    "the retry carries the same message id")
            let text = try #require(object["message"])
            #expect(text.contains("コーデックストレージ") && text.contains("他人に教えないでください"))
            let code = String(text[try #require(text.range(of: #"\d{6}"#, options: .regularExpression))])

            let outcome = try await services.twoStep.verifySMSCode(session, code: code, remember: false, client: TestServices.client)
            #expect(outcome == .saveRecoveryCode)
        }
    }
}
