import Foundation
import HTTPTypes
import PropertyBased
import SekishoCore
@testable import SekishoWeb
import Testing

/// Issue 10, item 2: what the web layer reads from a request before any use case sees it: form
/// bodies, redirect targets, language headers, forwarded-for chains, the line gateway's headers.
@Suite("Fuzzing the web parsers")
struct WebParserFuzzTests {
    @Test("form bodies: raw bytes never crash the decoder; any fields round-trip through encoding")
    func formBodies() async throws {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.bytes) { bytes in
            _ = try? FormBody(parsing: bytes)
        }
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text, HostileInput.text) { name, value in
            guard !name.isEmpty else { return }
            let encoded = [name, value].map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            let body = try? FormBody(parsing: Array("\(encoded[0])=\(encoded[1])".utf8))
            if !name.unicodeScalars.contains(where: { $0.value == 0 }) && !value.unicodeScalars.contains(where: { $0.value == 0 }) {
                #expect(body?[name] == value || body == nil)
            }
        }
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            _ = try? FormBody(parsing: Array(text.utf8))
        }
    }

    @Test("redirect targets: whatever `next` holds, what is accepted is a path on this site")
    func redirects() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text) { text in
            guard let path = LocalRedirect.validated(text) else { return }
            #expect(path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/\\"))
            #expect(!path.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" })
            #expect(URL(string: "https://login.example.jp" + path)?.host == "login.example.jp" || URL(string: "https://login.example.jp" + path) == nil)
        }
    }

    @Test("Accept-Language, X-Forwarded-For and the line gateway's headers: no crash, and only addresses are vouched for")
    func headers() async {
        let gateway = LineGateway(entranceURL: URL(string: "https://line.example.jp")!, gateways: [IPAddressRange("10.0.0.1")!])
        let proxies = ClientAddressMiddleware(trustedProxies: [IPAddressRange("10.0.0.0/8")!])
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text, HostileInput.text) { first, second in
            _ = Language.preferred(acceptLanguage: first)
            let vouched = proxies.vouchedAddresses(forwardedFor: [first, second], peer: "10.0.0.2")
            #expect(vouched.dropFirst().allSatisfy { IPAddressRange.bytes(of: $0) != nil })
            _ = IPAddressRange(first)
            var fields = HTTPFields()
            fields[gateway.numberHeader] = first
            fields[gateway.areaHeader] = second
            let verdict = gateway.verdict(authority: "line.example.jp", vouched: ["10.0.0.1"], headers: fields)
            if case .lineEntrance(let line?) = verdict.arrival { #expect((try? LineNumber(parsing: line.number.value)) != nil) }
        }
    }
}
