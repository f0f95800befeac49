import Foundation
import HTTPTypes
import SekishoTestSupport
@testable import SekishoWeb
import Testing

/// ASVS 3.4.7: the CSP names where violations go, and that endpoint takes reports from any browser
/// without a session or a token, logs what may be logged, and not too much of it.
@Suite("CSP violation reports")
struct CSPReportTests {
    static let report = #"""
        {"csp-report": {"document-uri": "https://login.example.jp/register?ticket=SECRET", "violated-directive": "script-src-elem",
         "effective-directive": "script-src-elem", "blocked-uri": "https://evil.example/x.js?k=1", "original-policy": "…"}}
        """#

    @Test("every page names the endpoint; a report is taken without a session or a token, and answered 204")
    func endpoint() async throws {
        try await WebTestApp.run(mode: .production, publicURL: "https://login.example.jp") { app async throws in
            let page = try await app.browser.get("/login")
            #expect(page.headers[.contentSecurityPolicy]?.hasSuffix("; report-uri /csp-report; report-to csp") == true)
            #expect(page.headers[HTTPField.Name("Reporting-Endpoints")!] == #"csp="https://login.example.jp/csp-report""#)

            let stranger = TestBrowser(app.browser.client)
            let taken = try await stranger.postRaw("/csp-report", body: Self.report, contentType: "application/csp-report")
            #expect(taken.status == .noContent && taken.setCookies.isEmpty)
            let reportingAPI = #"[{"type": "csp-violation", "body": {"documentURL": "https://login.example.jp/login", "effectiveDirective": "img-src", "blockedURL": "inline"}}]"#
            #expect(try await stranger.postRaw("/csp-report", body: reportingAPI, contentType: "application/reports+json").status == .noContent)
            #expect(try await stranger.postRaw("/csp-report", body: Self.report, contentType: "text/plain").status == .unsupportedMediaType)
            #expect(try await stranger.postRaw("/csp-report", body: "{not json", contentType: "application/csp-report").status == .badRequest)
            let huge = String(repeating: " ", count: 17 * 1024) + Self.report
            #expect(try await stranger.postRaw("/csp-report", body: huge, contentType: "application/csp-report").status == .contentTooLarge)
        }
    }

    @Test("what is logged: the directive, the blocked origin, the page's path; no query, no path of the blocked URL")
    func logged() throws {
        let violations = try #require(CSPViolation.parse(Data(Self.report.utf8)))
        #expect(violations == [CSPViolation(directive: "script-src-elem", blocked: "https://evil.example", page: "/register")])
        let keyword = #"{"csp-report": {"document-uri": "https://login.example.jp/home", "violated-directive": "style-src", "blocked-uri": "inline"}}"#
        #expect(CSPViolation.parse(Data(keyword.utf8)) == [CSPViolation(directive: "style-src", blocked: "inline", page: "/home")])
        #expect(CSPViolation.parse(Data(#"{"other": 1}"#.utf8)) == nil)
        let long = #"{"csp-report": {"violated-directive": "\#(String(repeating: "a", count: 500))\u0007"}}"#
        #expect(CSPViolation.parse(Data(long.utf8))?.first?.directive.count == 100, "clipped, no control characters")
    }

    @Test("ten reports a minute are logged; the rest are counted and said at the next minute")
    func budget() {
        let budget = ReportBudget(perMinute: 10)
        let minute = Date(timeIntervalSince1970: 60 * 1_000)
        #expect((0..<10).allSatisfy { _ in budget.admit(at: minute).logged })
        #expect(!budget.admit(at: minute.addingTimeInterval(30)).logged)
        #expect(!budget.admit(at: minute.addingTimeInterval(59)).logged)
        let next = budget.admit(at: minute.addingTimeInterval(60))
        #expect(next.logged && next.droppedBefore == 2)
        #expect(budget.admit(at: minute.addingTimeInterval(61)).droppedBefore == 0)
    }
}
