import Foundation
import SekishoDelivery
import SekishoWeb

/// How SMS leaves: as JSON files under the data directory (development default) or through an HTTP
/// provider (required in production).
struct SMSConfiguration {
    enum Transport {
        case file
        case http(HTTPSMSConfiguration)
    }

    enum TransportName: String, CaseIterable {
        case file
        case http
    }

    var transport: Transport

    static func load(_ settings: SettingsReader, mode: WebSettings.Mode) throws -> SMSConfiguration {
        let name = try settings.choice("sms.transport", default: mode == .production ? TransportName.http : .file)
        switch name {
        case .file:
            return SMSConfiguration(transport: .file)
        case .http:
            guard let text = settings.string("sms.http.url") else {
                throw ConfigurationError.invalid("sms.http.url", "the SMS provider's URL is needed when sms.transport is http")
            }
            guard let url = URL(string: text) else {
                throw ConfigurationError.invalid("sms.http.url", "\"\(text)\" is not a URL")
            }
            var headers: [(name: String, value: String)] = []
            if let value = settings.string("sms.http.auth-value", secret: true) {
                let name = settings.string("sms.http.auth-header", default: "Authorization")
                guard Self.isToken(name) else {
                    throw ConfigurationError.invalid("sms.http.auth-header", "\"\(name)\" is not an HTTP header name")
                }
                headers.append((name, value))
            }
            let timeout = Duration.seconds(try settings.int("sms.http.timeout", default: 10, in: 1...120))
            let template = settings.string("sms.http.body-template", default: HTTPSMSConfiguration.defaultTemplate)
            do {
                let http = try HTTPSMSConfiguration(url: url, headers: headers, bodyTemplate: template, timeout: timeout)
                return SMSConfiguration(transport: .http(http))
            } catch .invalidURL {
                throw ConfigurationError.invalid("sms.http.url", "\"\(text)\" is not an absolute http(s) URL")
            } catch .invalidTemplate {
                throw ConfigurationError.invalid(
                    "sms.http.body-template", "must be a JSON object whose strings may hold {{to}}, {{body}} and {{message_id}}")
            }
        }
    }

    /// RFC 9110 §5.1: a header name is a non-empty token.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
        }
    }
}
