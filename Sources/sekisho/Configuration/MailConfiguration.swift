import Foundation
import SekishoDelivery
import SekishoWeb

/// How mail leaves: as files under the data directory (development default) or over SMTP.
struct MailConfiguration {
    enum Transport {
        case file
        case smtp(SMTPConfiguration)
    }

    enum TransportName: String, CaseIterable {
        case file
        case smtp
    }

    var transport: Transport
    var fromAddress: String
    var fromName: String

    /// The domain of the sender, used in Message-IDs.
    var domain: String { String(fromAddress.split(separator: "@").last ?? "localhost") }

    static func load(_ settings: SettingsReader, mode: WebSettings.Mode, publicURL: URL, serviceName: String) throws -> MailConfiguration {
        // The public host when it is a domain name; an IP address or "localhost" is no mail domain.
        let defaultHost = publicURL.host.flatMap { $0.contains(".") && !$0.allSatisfy({ $0.isNumber || $0 == "." }) ? $0 : nil }
            ?? "localhost.localdomain"
        let fromAddress = settings.string("mail.from.address", default: "no-reply@\(defaultHost)")
        let fromName = settings.string("mail.from.name", default: serviceName)
        let name = try settings.choice("mail.transport", default: mode == .production ? TransportName.smtp : .file)
        switch name {
        case .file:
            return MailConfiguration(transport: .file, fromAddress: fromAddress, fromName: fromName)
        case .smtp:
            guard let host = settings.string("smtp.host") else {
                throw ConfigurationError.invalid("smtp.host", "the SMTP server is needed when mail.transport is smtp")
            }
            let security = try settings.choice("smtp.security", default: SMTPConfiguration.Security.startTLS)
            let username = settings.string("smtp.username")
            let password = settings.string("smtp.password", secret: true)
            let smtp = SMTPConfiguration(
                host: host, port: try settings.int("smtp.port", default: security.defaultPort, in: 1...65_535), security: security,
                credentials: username.map { SMTPCredentials(username: $0, password: password ?? "") },
                allowsPlaintextAuthentication: try settings.bool("smtp.allow-plaintext-auth", default: false),
                additionalCAFile: settings.string("smtp.ca-file"),
                heloName: settings.string("smtp.helo-name", default: defaultHost),
                replyTimeout: .seconds(try settings.int("smtp.timeout", default: 30, in: 1...600)))
            return MailConfiguration(transport: .smtp(smtp), fromAddress: fromAddress, fromName: fromName)
        }
    }
}
