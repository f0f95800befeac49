import Foundation
import HTTPTypes
import SekishoTestSupport
@testable import SekishoWeb
import Testing

@Suite("Development mailbox and health checks")
struct DevMailAndHealthTests {
    @Test("development: /dev/mail lists queued mail with its links clickable")
    func mailbox() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/dev/mail").body.contains("メールはまだありません。"))
            try await app.browser.get("/apply")
            try await app.browser.post("/apply", WebTestApp.applicationFields)
            let list = try await app.browser.get("/dev/mail")
            #expect(list.body.contains("【コーデックストレージ】お申込みの確認"))
            let id = try #require(list.body.firstMatch(of: /href="\/dev\/mail\/(\d+)"/)?.1)
            let message = try await app.browser.get("/dev/mail/\(id)")
            #expect(message.body.contains(#"<a href="http://127.0.0.1:8080/apply/confirm?ticket="#))
            #expect(try await app.browser.get("/dev/mail/999").status == .notFound)
            #expect(try await app.browser.get("/dev/mail/abc").status == .notFound)
        }
    }

    @Test("production: /dev/mail does not exist")
    func noMailboxInProduction() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp") { app async throws in
            #expect(try await app.browser.get("/dev/mail").status == .notFound)
        }
    }

    @Test("/healthz and /readyz answer")
    func health() async throws {
        try await WebTestApp.run { app async throws in
            #expect(try await app.browser.get("/healthz").body == "ok")
            #expect(try await app.browser.get("/readyz").body == "ready")
        }
    }

    @Test("mail bodies are cut into text and links")
    func bodySegments() {
        let segments = MailBodySegment.split("A <b>\nhttps://x.example/a?ticket=1 end\nhttp://y.example")
        #expect(segments == [
            .init(text: "A <b>\n", link: nil), .init(text: "https://x.example/a?ticket=1", link: "https://x.example/a?ticket=1"),
            .init(text: " end\n", link: nil), .init(text: "http://y.example", link: "http://y.example"),
        ])
    }
}
