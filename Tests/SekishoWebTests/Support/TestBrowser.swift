import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A minimal browser for tests: keeps cookies like a browser would, remembers the CSRF token of the
/// last page, and submits url-encoded forms.
final class TestBrowser: @unchecked Sendable {
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }

        /// The text of the first element with `id`, markup removed.
        func text(ofID id: String) -> String? {
            guard let start = body.range(of: "id=\"\(id)\"") else { return nil }
            let rest = body[start.upperBound...]
            guard let open = rest.firstIndex(of: ">"), let close = rest[open...].range(of: "</") else { return nil }
            return String(rest[rest.index(after: open)..<close.lowerBound])
        }
    }

    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// Posts `fields` as a form; the CSRF token of the last page goes along unless `csrf` is false.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf includeToken: Bool = true, headers: HTTPFields = [:]) async throws -> Page {
        var all = fields
        if includeToken, let csrf { all.insert(("_csrf", csrf), at: 0) }
        return try await postRaw(uri, body: Self.encode(all), headers: headers)
    }

    @discardableResult
    func postRaw(_ uri: String, body: String, contentType: String = "application/x-www-form-urlencoded", headers: HTTPFields = [:]) async throws -> Page {
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = contentType }
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        for field in extraHeaders where headers[field.name] == nil { headers.append(field) }
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        remember(page)
        return page
    }

    func forgetCookies() {
        cookies = [:]
    }

    private func remember(_ page: Page) {
        for header in page.setCookies {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let range = page.body.range(of: #"name="_csrf" value="[^"]*""#, options: .regularExpression) {
            csrf = String(page.body[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
        }
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}
