import Foundation
import HTTPTypes
import HummingbirdTesting
import SekishoStore
import SekishoCore
@testable import SekishoWeb
import Testing

@Suite("Client address behind trusted proxies")
struct ClientAddressTests {
    @Test("CIDR ranges of IPv4 and IPv6, single addresses, and IPv4-mapped IPv6")
    func ranges() throws {
        let v4 = try #require(IPAddressRange("10.1.0.0/16"))
        #expect(v4.contains("10.1.255.3") && !v4.contains("10.2.0.1") && v4.contains("::ffff:10.1.2.3"))
        let odd = try #require(IPAddressRange("192.0.2.128/25"))
        #expect(odd.contains("192.0.2.200") && !odd.contains("192.0.2.127"))
        let v6 = try #require(IPAddressRange("2001:db8::/32"))
        #expect(v6.contains("2001:db8:1::5") && !v6.contains("2001:db9::1") && !v6.contains("10.1.2.3"))
        #expect(IPAddressRange("127.0.0.1")?.contains("127.0.0.1") == true && IPAddressRange("127.0.0.1")?.contains("127.0.0.2") == false)
        #expect(IPAddressRange("0.0.0.0/0")?.contains("203.0.113.9") == true)
        for bad in ["", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "host.example", "::1/129", "10.0.0.0/８", "1.2.3.4/", "/8"] {
            #expect(IPAddressRange(bad) == nil, "\(bad)")
        }
    }

    @Test("X-Forwarded-For counts only behind a trusted proxy, read from the right", arguments: [
        ("10.0.0.5", ["203.0.113.9"], "203.0.113.9"),
        ("10.0.0.5", ["198.51.100.7, 203.0.113.9"], "203.0.113.9"),
        ("10.0.0.5", ["203.0.113.9, 10.0.0.6"], "203.0.113.9"),
        ("10.0.0.5", ["203.0.113.9", "10.0.0.6"], "203.0.113.9"),
        ("10.0.0.5", ["10.0.0.7, 10.0.0.6"], "10.0.0.7"),
        ("10.0.0.5", ["203.0.113.9, not-an-address"], "10.0.0.5"),
        ("10.0.0.5", [], "10.0.0.5"),
    ])
    func forwardedFor(peer: String, headers: [String], expected: String) {
        let middleware = ClientAddressMiddleware(trustedProxies: [IPAddressRange("10.0.0.0/8")!])
        #expect(middleware.vouchedAddresses(forwardedFor: headers, peer: peer).last == expected)
    }
}

@Suite("Client address on a live server")
struct LiveClientAddressTests {
    @Test("a trusted proxy's X-Forwarded-For reaches the audit log; anyone else's is ignored")
    func auditedAddress() async throws {
        for (proxies, expected) in [([IPAddressRange("127.0.0.1")!, IPAddressRange("::1")!], "203.0.113.9"), ([], nil)] {
            try await WebTestApp.run(trustedProxies: proxies, testing: .live) { app in
                _ = try await app.browser.get("/login")
                _ = try await app.browser.post(
                    "/login", [("email", "nobody@example.jp"), ("password", "wrong password")], headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
                let event = try #require(try await app.store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.event)
                #expect(event.kind == .signInFailed)
                if let expected {
                    #expect(event.client.address == expected)
                } else {
                    #expect(event.client.address != "203.0.113.9" && !event.client.address.isEmpty)
                }
            }
        }
    }
}
