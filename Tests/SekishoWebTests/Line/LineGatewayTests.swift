import Foundation
import HTTPTypes
import HummingbirdTesting
import SekishoCore
import SekishoStore
import SekishoTestSupport
@testable import SekishoWeb
import Testing

@Suite("Line gateway trust (SPEC D1)")
struct LineGatewayTests {
    static let gateway = LineGateway(entranceURL: URL(string: "https://line.example.jp")!, gateways: [IPAddressRange("198.51.100.0/24")!])

    static func headers(_ fields: [(String, String)]) -> HTTPFields {
        var headers = HTTPFields()
        for (name, value) in fields { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return headers
    }

    static let office = try! LineNumber(parsing: "CAF1234567890")

    @Test("a line only for the entrance's host, from a gateway, with exactly one well-formed number", arguments: [
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890")], Arrival.lineEntrance(SubscriberLine(number: office, isWestArea: false))),
        ("LINE.example.jp:443", ["198.51.100.7"], [("X-Line-Number", "caf1234567890"), ("X-Line-Area", "West")],
         .lineEntrance(SubscriberLine(number: office, isWestArea: true))),
        ("line.example.jp", ["203.0.113.9"], [("X-Line-Number", "CAF1234567890")], .lineEntrance(nil)),
        ("portal.example.jp", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890")], .internet),
        ("line.example.jp:8443", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890")], .internet),
        ("line.example.jp", ["198.51.100.7"], [], .lineEntrance(nil)),
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890"), ("X-Line-Number", "CAF1234567890")], .lineEntrance(nil)),
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890, COP12345678")], .lineEntrance(nil)),
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", String(repeating: "CAF1234567890", count: 100))], .lineEntrance(nil)),
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", "XYZ1234567890")], .lineEntrance(nil)),
        ("line.example.jp", ["198.51.100.7"], [("X-Line-Number", "CAF1234567890"), ("X-Line-Area", "west"), ("X-Line-Area", "east")],
         .lineEntrance(nil)),
        ("line.example.jp", ["10.0.0.5", "198.51.100.7"], [("X-Line-Number", "CAF1234567890")],
         .lineEntrance(SubscriberLine(number: office, isWestArea: false))),
        (nil, ["198.51.100.7"], [("X-Line-Number", "CAF1234567890")], .internet),
    ] as [(String?, [String], [(String, String)], Arrival)])
    func verdicts(authority: String?, vouched: [String], fields: [(String, String)], expected: Arrival) {
        #expect(Self.gateway.verdict(authority: authority, vouched: vouched, headers: Self.headers(fields)).arrival == expected)
    }

    @Test("ignored headers say why, for the log; none said when there were none")
    func ignoredReasons() {
        let forged = Self.gateway.verdict(authority: "line.example.jp", vouched: ["203.0.113.9"], headers: Self.headers([("X-Line-Number", "CAF1234567890")]))
        #expect(forged.ignored == "not from a gateway")
        #expect(Self.gateway.verdict(authority: "line.example.jp", vouched: ["203.0.113.9"], headers: [:]).ignored == nil)
        #expect(Self.gateway.verdict(authority: "portal.example.jp", vouched: ["198.51.100.7"], headers: Self.headers([("X-Line-Area", "west")]))
            .ignored == "not the line entrance")
    }

    @Test("the entrance matches its host and port, the scheme's default port when none is given")
    func entrance() {
        let plain = LineGateway(entranceURL: URL(string: "http://127.0.0.2:8081")!, gateways: [])
        #expect(plain.isEntrance("127.0.0.2:8081") && !plain.isEntrance("127.0.0.2") && !plain.isEntrance("127.0.0.1:8081"))
        #expect(Self.gateway.isEntrance("line.example.jp") && Self.gateway.isEntrance("line.example.jp:443"))
        #expect(!Self.gateway.isEntrance("line.example.jp.evil.example") && !Self.gateway.isEntrance(nil))
    }
}

@Suite("Line gateway trust on a live server")
struct LiveLineGatewayTests {
    /// Signs in from `source` with a forged or genuine line header and returns the status line and
    /// `Location` of the answer.
    static func signIn(from source: String, port: Int) throws -> (status: String, location: String?) {
        let form = try RawHTTPClient.exchange(from: source, port: port, request: "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        let cookie = try #require(form.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") })
            .dropFirst("set-cookie:".count).split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        let tokenStart = try #require(form.range(of: "name=\"_csrf\" value=\""))
        let token = form[tokenStart.upperBound...].prefix { $0 != "\"" }
        let body = "_csrf=\(token)&email=taro%40example.jp&password=correct+horse+battery"
        let answer = try RawHTTPClient.exchange(from: source, port: port, request: """
            POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: \(cookie)\r\nX-Line-Number: CAF1234567890\r\n\
            Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)
            """)
        let lines = answer.split(separator: "\r\n")
        let location = lines.first { $0.lowercased().hasPrefix("location:") }.map { $0.dropFirst("location:".count).trimmingCharacters(in: .whitespaces) }
        return (String(lines.first ?? ""), location)
    }

    @Test("the gateway at 127.0.0.2 is believed; the same header from 127.0.0.1 is not")
    func differentPeers() async throws {
        let gateway = LineGateway(entranceURL: URL(string: "http://localhost")!, gateways: [IPAddressRange("127.0.0.2")!])
        try await WebTestApp.run(testing: .live, lineGateway: gateway) { app in
            let taro = try await app.contract()
            try await LineSettings(store: app.store, clock: app.services.clock).save(
                route: "line+internet", numbers: "CAF1234567890", confirmed: false, by: try await app.account(taro), client: TestServices.client)
            let port = try #require(app.browser.client.port)
            let trusted = try Self.signIn(from: "127.0.0.2", port: port)
            #expect(trusted.status.contains("303") && trusted.location == "/home", "over the line: no two-step")
            let forged = try Self.signIn(from: "127.0.0.1", port: port)
            #expect(forged.status.contains("403"), "a forged header from another peer is no line: 回線認証エラー")
            let kinds = try await app.store.read { try await $0.audit.recent(limit: 3, person: nil) }.map(\.event)
            #expect(kinds.first?.kind == .lineRefused && kinds.first?.detail == "reason=no_line,pathway=sign_in")
        }
    }
}
