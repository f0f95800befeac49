public import Foundation

/// How the HTTP SMS provider is reached: one POST of a JSON body per message.
///
/// The body comes from ``bodyTemplate``, a JSON text whose string values may contain the
/// placeholders `{{to}}` (E.164 number), `{{body}}` (the text) and `{{message_id}}`; each is replaced
/// by its value escaped for a JSON string, so no value can break out of its quotes.
public struct HTTPSMSConfiguration: Sendable {
    public static let defaultTemplate = #"{"to":"{{to}}","text":"{{body}}"}"#

    public let url: URL
    /// Extra request headers, typically `Authorization: Bearer …`.
    public let headers: [(name: String, value: String)]
    public let bodyTemplate: String
    public let timeout: Duration

    /// Checks the URL (http or https) and that the template renders to a JSON object.
    public init(
        url: URL, headers: [(name: String, value: String)] = [], bodyTemplate: String = Self.defaultTemplate,
        timeout: Duration = .seconds(10)
    ) throws(HTTPSMSConfigurationError) {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            throw .invalidURL
        }
        self.url = url
        self.headers = headers
        self.bodyTemplate = bodyTemplate
        self.timeout = timeout
        let sample = render(to: "+819012345678", body: "sample \"text\"\n", messageID: "<id@example.jp>")
        guard (try? JSONSerialization.jsonObject(with: Data(sample.utf8))) is [String: Any] else { throw .invalidTemplate }
    }

    /// The request body for one message.
    public func render(to: String, body: String, messageID: String) -> String {
        bodyTemplate
            .replacingOccurrences(of: "{{to}}", with: Self.jsonEscaped(to))
            .replacingOccurrences(of: "{{body}}", with: Self.jsonEscaped(body))
            .replacingOccurrences(of: "{{message_id}}", with: Self.jsonEscaped(messageID))
    }

    /// The text as the inside of a JSON string (RFC 8259 §7).
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "{", "}": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

public enum HTTPSMSConfigurationError: Error, Sendable, Equatable {
    case invalidURL
    case invalidTemplate
}
