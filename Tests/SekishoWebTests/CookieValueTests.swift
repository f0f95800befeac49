import HTTPTypes
import Hummingbird
@testable import SekishoWeb
import Testing

/// ``CookieJar/value(of:in:)`` reads one cookie without Hummingbird's full parse; it must find what
/// `request.cookies[name]` finds, whatever the browser (or an attacker) sends.
@Suite("Reading one cookie")
struct CookieValueTests {
    static let headers: [[String]] = [
        [], ["sekisho_session=abc"], ["a=1; sekisho_session=abc; b=2"], ["a=1;sekisho_session=abc"],
        ["sekisho_session=first; sekisho_session=second"], ["a=1", "sekisho_session=from the second header"],
        ["sekisho_session="], ["sekisho_session=; sekisho_session=later"], ["sekisho_session"], ["xsekisho_session=no; sekisho_sessionx=no"], [";; sekisho_session=v=w;"],
        ["  sekisho_session=spaced ;  sekisho_lang=en"], ["sekisho_session=%E4%BD%90; Path=/"], ["sekisho_lang=ja; sekisho_session=日本"],
    ]

    @Test("the same value as Hummingbird's cookie parser, for every header set and name")
    func matchesHummingbird() {
        for fields in Self.headers {
            var head = HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/home")
            for field in fields { head.headerFields.append(HTTPField(name: .cookie, value: field)) }
            let request = Request(head: head, body: .init(buffer: .init()))
            for name in ["sekisho_session", "sekisho_lang", "a", "b", "Path", "missing"] {
                #expect(CookieJar.value(of: name, in: request) == request.cookies[name]?.value, "\(name) in \(fields)")
            }
        }
    }
}
