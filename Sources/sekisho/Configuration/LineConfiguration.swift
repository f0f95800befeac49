import Foundation
import HTTPTypes
import SekishoWeb

/// Line authentication (`line.*`, SPEC D1): on when `line.url` names the line-auth entrance. Its
/// carrier gateways must then be listed in `line.gateways`; the header names have the defaults of
/// ``LineGateway``.
enum LineConfiguration {
    static func load(_ settings: SettingsReader, entrance: URL?, mode: WebSettings.Mode, publicURL: URL) throws -> LineGateway? {
        guard let entrance else { return nil }
        if mode == .production, entrance.scheme?.lowercased() != "https" {
            throw ConfigurationError.invalid("line.url", "production mode needs an https line entrance")
        }
        if WebSettings.origin(of: entrance) == WebSettings.origin(of: publicURL) {
            throw ConfigurationError.invalid("line.url", "the line entrance needs its own host, not the public URL's")
        }
        let gateways = try (settings.strings("line.gateways") ?? []).map { text in
            guard let range = IPAddressRange(text) else {
                throw ConfigurationError.invalid("line.gateways", "\"\(text)\" is not an IP address or CIDR range")
            }
            return range
        }
        guard !gateways.isEmpty else {
            throw ConfigurationError.invalid("line.gateways", "line authentication needs the carrier gateways' addresses")
        }
        return LineGateway(
            entranceURL: entrance, gateways: gateways,
            numberHeader: try header(settings, "line.number-header", default: "X-Line-Number"),
            areaHeader: try header(settings, "line.area-header", default: "X-Line-Area"),
            westAreaValue: settings.string("line.west-area-value", default: "west"))
    }

    private static func header(_ settings: SettingsReader, _ key: String, default value: String) throws -> HTTPField.Name {
        let text = settings.string(key, default: value)
        guard let name = HTTPField.Name(text) else { throw ConfigurationError.invalid(key, "\"\(text)\" is not a header name") }
        return name
    }
}
