import Foundation
import Logging
import SekishoCore
import SekishoStore
import SekishoWeb

/// Every setting of a running Sekisho, read and checked once at start. `docs/configuration.md`
/// lists each key with its variable, flag and default.
struct SekishoConfiguration {
    var host: String
    var port: Int
    var dataDirectory: String
    var databaseURL: String?
    /// PostgreSQL connections per instance, at most.
    var databasePoolSize: Int
    var publicURL: URL
    var mode: WebSettings.Mode
    var serviceName: String
    var serviceURL: URL?
    var session: SessionPolicy
    var scrypt: ScryptParameters
    var hashThreads: Int
    var hashQueue: Int
    var bannedPasswordWords: [String]
    /// Pwned Passwords' range endpoint (`https://api.pwnedpasswords.com/range/`), or `nil`: no
    /// breached-password check beyond the shipped common list.
    var breachedPasswordsRangeURL: URL?
    var ticketLifetimes: [TicketPurpose: TimeInterval]
    var trustedProxies: [IPAddressRange]
    var hstsPreload: Bool
    var lineGateway: LineGateway?
    var lockout: LockoutPolicy
    var trialDays: Int
    /// Days a cancelled contract's data is kept before the purge job erases it (SPEC J4).
    var cancellationRetentionDays: Int
    var mail: MailConfiguration
    var sms: SMSConfiguration
    var federation: FederationConfiguration
    var serverKey: ServerKey.Source
    var twoStep: TwoStepPolicy
    var outboxPollSeconds: Int
    /// How long a claimed message waits before another worker may take it; after a crash, what
    /// the crashed worker had claimed goes out again once this has passed.
    var outboxLeaseSeconds: Int
    var sweepMinutes: Int
    var logLevel: Logger.Level
    var logFormat: LogFormat

    enum LogFormat: String, CaseIterable {
        case text
        case json
    }

    static func load(_ settings: SettingsReader) throws -> SekishoConfiguration {
        let host = settings.string("http.host", default: "127.0.0.1")
        let port = try settings.int("http.port", default: 8080, in: 0...65_535)
        let mode = try settings.choice("mode", default: WebSettings.Mode.development)
        let browsableHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let publicURL = try url(settings, "public.url") ?? URL(string: "http://\(browsableHost):\(port)")!
        if mode == .production, publicURL.scheme?.lowercased() != "https" {
            throw ConfigurationError.invalid("public.url", "production mode needs an https public URL (cookies are Secure, HSTS is sent)")
        }
        let serviceName = settings.string("service.name", default: "コーデックストレージ")
        guard let scrypt = ScryptParameters(
            logN: try settings.int("password.scrypt.log-n", default: 14, in: ScryptParameters.logNRange),
            blockSize: try settings.int("password.scrypt.r", default: 8, in: ScryptParameters.blockSizeRange),
            parallelism: try settings.int("password.scrypt.p", default: 5, in: ScryptParameters.parallelismRange))
        else { throw ConfigurationError("password.scrypt: parameters out of range") }
        let dataDirectory = settings.string("data.dir", default: "./data")
        let lineEntrance = try url(settings, "line.url")
        let configuration = SekishoConfiguration(
            host: host, port: port,
            dataDirectory: dataDirectory,
            databaseURL: settings.string("database.url", secret: true),
            databasePoolSize: try settings.int("database.pool-size", default: SQLStore.defaultPostgresConnections, in: 1...1_000),
            publicURL: publicURL, mode: mode, serviceName: serviceName,
            serviceURL: try url(settings, "service.url"),
            session: SessionPolicy(
                idleTimeout: TimeInterval(try settings.int("session.idle-timeout", default: 3600, in: 60...86_400)),
                contractMenuIdleTimeout: TimeInterval(try settings.int("session.contract-menu-idle-timeout", default: 900, in: 60...86_400)),
                absoluteTimeout: TimeInterval(try settings.int("session.absolute-timeout", default: 86_400, in: 300...2_592_000))),
            scrypt: scrypt,
            hashThreads: try settings.int(
                "password.hash-threads", default: HashingPool.defaultThreadCount, in: 1...HashingPool.defaultThreadCount),
            hashQueue: try settings.int("password.hash-queue", default: 64, in: 0...100_000),
            bannedPasswordWords: settings.strings("password.banned-words") ?? [serviceName, "codex", "sekisho"],
            breachedPasswordsRangeURL: try url(settings, "password.breached-range-url"),
            ticketLifetimes: try ticketLifetimes(settings),
            trustedProxies: try trustedProxies(settings),
            hstsPreload: try settings.bool("http.hsts-preload", default: false),
            lineGateway: try LineConfiguration.load(settings, entrance: lineEntrance, mode: mode, publicURL: publicURL),
            lockout: LockoutPolicy(
                maxFailures: try settings.int("lockout.max-failures", default: 10, in: 3...100),
                addressFailureLimit: try settings.int("lockout.address-failures", default: 100, in: 10...100_000),
                lockKeptFor: TimeInterval(try settings.int("lockout.lock-kept-days", default: 365, in: 30...3650)) * 86_400),
            trialDays: try settings.int("trial.days", default: 30, in: 1...365),
            cancellationRetentionDays: try settings.int("contracts.purge-after-days", default: 30, in: 1...3650),
            mail: try MailConfiguration.load(settings, mode: mode, publicURL: publicURL, serviceName: serviceName),
            sms: try SMSConfiguration.load(settings, mode: mode),
            federation: try FederationConfiguration.load(settings, mode: mode, publicURL: publicURL, lineEntrance: lineEntrance),
            serverKey: try ServerKey.source(settings, dataDirectory: dataDirectory),
            twoStep: TwoStepPolicy(rememberFor: TimeInterval(try settings.int("two-step.remember-days", default: 30, in: 1...365)) * 86_400),
            outboxPollSeconds: try settings.int("outbox.poll-interval", default: 2, in: 1...3600),
            outboxLeaseSeconds: try settings.int("outbox.lease", default: 600, in: 5...86_400),
            sweepMinutes: try settings.int("sweep.interval", default: 10, in: 1...1440),
            logLevel: try logLevel(settings),
            logFormat: try settings.choice("log.format", default: mode == .production ? .json : .text))
        try configuration.checkMode(allowingFiles: try settings.bool("delivery.files-in-production", default: false))
        return configuration
    }

    /// Production refuses what is only fit for a developer's machine: http (checked while loading), a
    /// server key made up at first start (lost with the machine, and every authenticator with it), and
    /// mail or SMS written to files unless `delivery.files-in-production` says so (a staging server).
    func checkMode(allowingFiles: Bool) throws {
        guard mode == .production else { return }
        if case .file(let path) = serverKey, !FileManager.default.fileExists(atPath: path) {
            throw ConfigurationError.invalid(
                "secrets.key", "production mode needs a server key: set secrets.key (openssl rand -base64 32) or put one in \(path) with mode 600")
        }
        guard !allowingFiles else { return }
        guard case .smtp = mail.transport else {
            throw ConfigurationError.invalid("mail.transport", "production mode delivers mail over SMTP; set mail.transport=smtp and smtp.host")
        }
        guard case .http = sms.transport else {
            throw ConfigurationError.invalid("sms.transport", "production mode sends SMS through a provider; set sms.transport=http and sms.http.url")
        }
    }

    /// `tickets.lifetime` for every mail link, overridden per purpose by `tickets.<purpose>.lifetime`.
    private static func ticketLifetimes(_ settings: SettingsReader) throws -> [TicketPurpose: TimeInterval] {
        let range = 600...90 * 86_400
        let common = try settings.int("tickets.lifetime", default: 7 * 86_400, in: range)
        var lifetimes: [TicketPurpose: TimeInterval] = [:]
        for purpose in TicketPurpose.allCases {
            lifetimes[purpose] = TimeInterval(try settings.int("tickets.\(purpose.rawValue).lifetime", default: common, in: range))
        }
        return lifetimes
    }

    private static func trustedProxies(_ settings: SettingsReader) throws -> [IPAddressRange] {
        try (settings.strings("http.trusted-proxies") ?? []).map { text in
            guard let range = IPAddressRange(text) else {
                throw ConfigurationError.invalid("http.trusted-proxies", "\"\(text)\" is not an IP address or CIDR range")
            }
            return range
        }
    }

    private static func url(_ settings: SettingsReader, _ key: String) throws -> URL? {
        guard let text = settings.string(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil
        else { throw ConfigurationError.invalid(key, "\"\(text)\" is not an absolute http(s) URL") }
        return url
    }

    private static func logLevel(_ settings: SettingsReader) throws -> Logger.Level {
        guard let text = settings.string("log.level") else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationError.invalid("log.level", "\"\(text)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }
}
