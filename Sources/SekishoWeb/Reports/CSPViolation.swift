import Foundation

/// One Content-Security-Policy violation a browser reported (ASVS 3.4.7), reduced to what may be
/// logged: the directive, where the blocked content came from (an origin or a keyword, never a
/// path), and the page's path without its query, which may hold a mail link's ticket.
struct CSPViolation: Equatable {
    let directive: String
    let blocked: String
    let page: String

    /// The violations of a report body: `report-uri`'s `{"csp-report": {…}}` or the Reporting API's
    /// `[{"type": "csp-violation", "body": {…}}]`. `nil` when the body is no such JSON.
    static func parse(_ data: Data) -> [CSPViolation]? {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { return nil }
        if let object = json as? [String: Any], let report = object["csp-report"] as? [String: Any] {
            return [CSPViolation(report)]
        }
        if let reports = json as? [[String: Any]] {
            return reports.filter { $0["type"] as? String == "csp-violation" }.compactMap { ($0["body"] as? [String: Any]).map(CSPViolation.init) }
        }
        return nil
    }

    /// A URL's origin, or a keyword (`inline`, `eval`) as it is.
    fileprivate static func origin(_ text: String) -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme, let host = url.host else { return clipped(text) }
        return clipped("\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? ""))
    }

    /// Report fields come from anyone: a log line gets at most 100 characters of each.
    fileprivate static func clipped(_ text: String) -> String {
        String(text.unicodeScalars.filter { ![.control, .format].contains($0.properties.generalCategory) }.prefix(100).map(Character.init))
    }
}

extension CSPViolation {
    /// The fields of one report, under either format's names.
    fileprivate init(_ report: [String: Any]) {
        let text = { (keys: [String]) in keys.lazy.compactMap { report[$0] as? String }.first ?? "" }
        directive = Self.clipped(text(["effective-directive", "effectiveDirective", "violated-directive"]))
        blocked = Self.origin(text(["blocked-uri", "blockedURL"]))
        page = Self.clipped(URLComponents(string: text(["document-uri", "documentURL"]))?.path ?? "")
    }
}
