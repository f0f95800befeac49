import Foundation
@testable import sekisho
import SekishoCore
import SekishoDelivery
import SekishoFederation
import SekishoWeb
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    private func load(flags: [String: String] = [:], environment: [String: String] = [:], file: String? = nil) async throws -> SekishoConfiguration {
        let reader = try await ConfigSources.reader(flags: flags, configFile: file, environment: environment)
        return try SekishoConfiguration.load(SettingsReader(config: reader))
    }

    @Test("defaults: development on 127.0.0.1:8080 with the embedded database and mail to files")
    func defaults() async throws {
        let configuration = try await load()
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.publicURL.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.mode == .development && configuration.databaseURL == nil)
        #expect(configuration.databasePoolSize == 2 * ProcessInfo.processInfo.activeProcessorCount)
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.scrypt == .default)
        #expect(configuration.session == SessionPolicy(idleTimeout: 3600, absoluteTimeout: 86_400))
        #expect(configuration.logFormat == .text)
        #expect(configuration.twoStep.rememberFor == 30 * 86_400)
        guard case .file = configuration.mail.transport, case .file = configuration.sms.transport,
              case .file(let keyFile) = configuration.serverKey
        else { Issue.record("file transports and a key file expected"); return }
        #expect(keyFile == "./data/server.key")
        // ASVS 6.2.11: the shipped banned words refuse the service's own names in a password.
        let policy = Composition.passwordPolicy(configuration)
        for password in ["my codex storage key", "コーデックストレージの鍵です", "sekisho at the gate"] {
            #expect(policy.problem(with: password, email: nil) == .passwordContainsServiceName, "\(password)")
        }
    }

    @Test("flags beat SEKISHO_* variables, which beat the file, which beats the defaults")
    func precedence() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-\(UUID()).json")
        try Data(#"{"http": {"port": 7000, "host": "0.0.0.0"}, "session": {"idle-timeout": 900}, "service": {"name": "テスト"}}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try await load(
            flags: ["http.port": "9000"], environment: ["SEKISHO_HTTP_PORT": "8000", "SEKISHO_SESSION_IDLE_TIMEOUT": "1200"],
            file: file.path)
        #expect(configuration.port == 9000)
        #expect(configuration.session.idleTimeout == 1200)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.serviceName == "テスト")
        #expect(configuration.publicURL.absoluteString == "http://127.0.0.1:9000", "0.0.0.0 is not a browsable address")
    }

    @Test("the config file can come from SEKISHO_CONFIG_FILE; a missing one is an error")
    func configFile() async throws {
        await #expect(throws: ConfigurationError.self) { try await load(environment: ["SEKISHO_CONFIG_FILE": "/nonexistent.json"]) }
    }

    @Test("bad values stop the start and name the key and its variable", arguments: [
        (["SEKISHO_HTTP_PORT": "eighty"], "http.port (SEKISHO_HTTP_PORT)"),
        (["SEKISHO_HTTP_PORT": "70000"], "http.port"),
        (["SEKISHO_MODE": "staging"], "mode (SEKISHO_MODE)"),
        (["SEKISHO_PUBLIC_URL": "ftp://x"], "public.url"),
        (["SEKISHO_PASSWORD_SCRYPT_LOG_N": "40"], "password.scrypt.log-n (SEKISHO_PASSWORD_SCRYPT_LOG_N)"),
        (["SEKISHO_LOG_LEVEL": "loud"], "log.level"),
        (["SEKISHO_MAIL_TRANSPORT": "smtp"], "smtp.host"),
        (["SEKISHO_SMS_TRANSPORT": "http"], "sms.http.url"),
        (["SEKISHO_SMS_TRANSPORT": "carrier-pigeon"], "sms.transport"),
        (["SEKISHO_SMS_TRANSPORT": "http", "SEKISHO_SMS_HTTP_URL": "ftp://sms.example.jp"], "sms.http.url"),
        (["SEKISHO_SMS_TRANSPORT": "http", "SEKISHO_SMS_HTTP_URL": "https://sms.example.jp", "SEKISHO_SMS_HTTP_BODY_TEMPLATE": "to={{to}}"],
         "sms.http.body-template"),
        (["SEKISHO_SMS_TRANSPORT": "http", "SEKISHO_SMS_HTTP_URL": "https://sms.example.jp", "SEKISHO_SMS_HTTP_AUTH_VALUE": "x",
          "SEKISHO_SMS_HTTP_AUTH_HEADER": "Bad Header:"], "sms.http.auth-header"),
        (["SEKISHO_SECRETS_KEY": "c2hvcnQ="], "secrets.key (SEKISHO_SECRETS_KEY)"),
        (["SEKISHO_TWO_STEP_REMEMBER_DAYS": "0"], "two-step.remember-days"),
        (["SEKISHO_DATABASE_POOL_SIZE": "0"], "database.pool-size (SEKISHO_DATABASE_POOL_SIZE)"),
        (["SEKISHO_HTTP_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal"], "http.trusted-proxies"),
        (["SEKISHO_HTTP_TRUSTED_PROXIES": "10.0.0.0/33"], "http.trusted-proxies"),
        (["SEKISHO_LOCKOUT_MAX_FAILURES": "1"], "lockout.max-failures"),
        (["SEKISHO_LOCKOUT_LOCK_KEPT_DAYS": "7"], "lockout.lock-kept-days"),
        (["SEKISHO_OUTBOX_LEASE": "1"], "outbox.lease"),
        (["SEKISHO_TICKETS_UNLOCK_LIFETIME": "60"], "tickets.unlock.lifetime"),
        (["SEKISHO_GOOGLE_CLIENT_ID": "g"], "google.client-secret"),
        (["SEKISHO_FACEBOOK_APP_ID": "f"], "facebook.app-secret"),
        (["SEKISHO_GOOGLE_CLIENT_ID": "g", "SEKISHO_GOOGLE_CLIENT_SECRET": "s", "SEKISHO_GOOGLE_ISSUER": "accounts.google.com"], "google.issuer"),
        (["SEKISHO_FEDERATION_TIMEOUT": "600"], "federation.timeout"),
        (["SEKISHO_PASSWORD_BREACHED_RANGE_URL": "api.pwnedpasswords.com/range/"], "password.breached-range-url"),
    ])
    func invalid(environment: [String: String], mentions: String) async throws {
        let error = try await #require(throws: ConfigurationError.self) { try await load(environment: environment) }
        #expect(error.description.contains(mentions))
    }

    @Test("production refuses http, a made-up server key and file delivery (unless told); accepts https with SMTP")
    func production() async throws {
        let http = try await #require(throws: ConfigurationError.self) { try await load(environment: ["SEKISHO_MODE": "production"]) }
        #expect(http.description.contains("https"))
        let production = [
            "SEKISHO_MODE": "production", "SEKISHO_PUBLIC_URL": "https://login.example.jp", "SEKISHO_SMTP_HOST": "smtp.example.jp",
            "SEKISHO_SMTP_USERNAME": "sekisho", "SEKISHO_SMTP_PASSWORD": "secret", "SEKISHO_SMS_HTTP_URL": "https://sms.example.jp/send",
            "SEKISHO_SECRETS_KEY": Data(repeating: 7, count: 32).base64EncodedString(),
        ]
        var keyless = production
        keyless["SEKISHO_SECRETS_KEY"] = nil
        keyless["SEKISHO_SECRETS_KEY_FILE"] = "/nonexistent/server.key"
        let noKey = try await #require(throws: ConfigurationError.self) { try await load(environment: keyless) }
        #expect(noKey.description.contains("server key") && noKey.description.contains("/nonexistent/server.key"))
        let staging = try await load(environment: production.merging([
            "SEKISHO_MAIL_TRANSPORT": "file", "SEKISHO_SMS_TRANSPORT": "file", "SEKISHO_DELIVERY_FILES_IN_PRODUCTION": "true",
        ]) { $1 })
        guard case .file = staging.mail.transport else { Issue.record("file mail expected when told"); return }
        let fileMail = try await #require(throws: ConfigurationError.self) {
            try await load(environment: production.merging(["SEKISHO_MAIL_TRANSPORT": "file"]) { $1 })
        }
        #expect(fileMail.description.contains("SMTP"))
        let fileSMS = try await #require(throws: ConfigurationError.self) {
            try await load(environment: production.merging(["SEKISHO_SMS_TRANSPORT": "file"]) { $1 })
        }
        #expect(fileSMS.description.contains("sms.transport"))
        let ok = try await load(environment: production)
        #expect(ok.logFormat == .json)
        #expect(ok.mail.fromAddress == "no-reply@login.example.jp")
        guard case .smtp(let smtp) = ok.mail.transport else { Issue.record("smtp expected"); return }
        #expect(smtp.host == "smtp.example.jp" && smtp.port == 587 && smtp.security == .startTLS && smtp.credentials?.username == "sekisho")
    }

    @Test("Google and Facebook: on with an id and a secret, callbacks under the public URL, their origins for the CSP")
    func federation() async throws {
        let none = try await load()
        #expect(none.federation.google == nil && none.federation.facebook == nil && none.federation.authorizationOrigins.isEmpty)
        let both = try await load(environment: [
            "SEKISHO_PUBLIC_URL": "https://login.example.jp", "SEKISHO_GOOGLE_CLIENT_ID": "g", "SEKISHO_GOOGLE_CLIENT_SECRET": "gs",
            "SEKISHO_FACEBOOK_APP_ID": "f", "SEKISHO_FACEBOOK_APP_SECRET": "fs", "SEKISHO_FEDERATION_TIMEOUT": "5",
        ])
        let google = try #require(both.federation.google)
        #expect(google.issuer == "https://accounts.google.com" && google.issuerAliases == ["accounts.google.com"])
        #expect(google.redirectURI == "https://login.example.jp/auth/google/callback" && google.timeout == 5)
        #expect(both.federation.facebook?.redirectURI == "https://login.example.jp/auth/facebook/callback")
        #expect(both.federation.authorizationOrigins == ["https://accounts.google.com", "https://www.facebook.com"])
        let local = try await load(environment: [
            "SEKISHO_GOOGLE_CLIENT_ID": "local", "SEKISHO_GOOGLE_CLIENT_SECRET": "s", "SEKISHO_GOOGLE_ISSUER": "http://127.0.0.1:9000",
        ])
        #expect(local.federation.google?.issuerAliases == [] && local.federation.authorizationOrigins == ["http://127.0.0.1:9000"])
        let plainInProduction = try await #require(throws: ConfigurationError.self) {
            try await load(environment: [
                "SEKISHO_MODE": "production", "SEKISHO_PUBLIC_URL": "https://login.example.jp", "SEKISHO_SMTP_HOST": "smtp.example.jp",
                "SEKISHO_SMS_HTTP_URL": "https://sms.example.jp/send", "SEKISHO_GOOGLE_CLIENT_ID": "g",
                "SEKISHO_GOOGLE_CLIENT_SECRET": "s", "SEKISHO_GOOGLE_ISSUER": "http://idp.example.jp",
            ])
        }
        #expect(plainInProduction.description.contains("google.issuer"))
    }

    @Test("the SMS provider: URL, auth header, body template and timeout")
    func smsProvider() async throws {
        let configuration = try await load(environment: [
            "SEKISHO_SMS_TRANSPORT": "http", "SEKISHO_SMS_HTTP_URL": "https://sms.example.jp/v1/messages",
            "SEKISHO_SMS_HTTP_AUTH_HEADER": "X-Api-Key", "SEKISHO_SMS_HTTP_AUTH_VALUE": "k3y",
            "SEKISHO_SMS_HTTP_BODY_TEMPLATE": #"{"msisdn":"{{to}}","message":"{{body}}"}"#, "SEKISHO_SMS_HTTP_TIMEOUT": "5",
        ])
        guard case .http(let http) = configuration.sms.transport else { Issue.record("http transport expected"); return }
        #expect(http.url.absoluteString == "https://sms.example.jp/v1/messages")
        #expect(http.headers.map(\.name) == ["X-Api-Key"] && http.headers.map(\.value) == ["k3y"])
        #expect(http.render(to: "+819012345678", body: "x", messageID: "<m>") == #"{"msisdn":"+819012345678","message":"x"}"#)
        #expect(http.timeout == .seconds(5))
    }

    @Test("the server key: given as base64, or a file created once with mode 0600 and read back after")
    func serverKey() async throws {
        let given = Data(repeating: 9, count: 32).base64EncodedString()
        guard case .given = try await load(environment: ["SEKISHO_SECRETS_KEY": given]).serverKey else {
            Issue.record("a given key expected")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-key-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try await load(environment: ["SEKISHO_DATA_DIR": directory.path]).serverKey
        let path = directory.appendingPathComponent("server.key").path
        #expect(!FileManager.default.fileExists(atPath: path), "reading the configuration writes nothing")
        let first = try source.open()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let sealed = try first.seal([1, 2, 3], context: "test")
        #expect(try source.open().open(sealed, context: "test") == [1, 2, 3], "the second start reads the same key")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let exposed = try #require(throws: ConfigurationError.self) { try source.open() }
        #expect(exposed.description.contains("chmod 600"))
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(throws: ConfigurationError.self) { try source.open() }
    }

    @Test("lock, throttle, trusted proxies and mail-link lifetimes per purpose")
    func recoverySettings() async throws {
        let defaults = try await load()
        #expect(defaults.lockout == LockoutPolicy() && defaults.trustedProxies.isEmpty)
        #expect(defaults.breachedPasswordsRangeURL == nil, "no call to another service unless configured")
        #expect(!defaults.hstsPreload)
        #expect(Set(defaults.ticketLifetimes.values) == [7 * 86_400] && defaults.ticketLifetimes.count == TicketPurpose.allCases.count)
        let configuration = try await load(environment: [
            "SEKISHO_LOCKOUT_MAX_FAILURES": "5", "SEKISHO_LOCKOUT_ADDRESS_FAILURES": "50", "SEKISHO_LOCKOUT_LOCK_KEPT_DAYS": "90", "SEKISHO_OUTBOX_LEASE": "30",
            "SEKISHO_HTTP_TRUSTED_PROXIES": "10.0.0.0/8, ::1", "SEKISHO_TICKETS_LIFETIME": "86400",
            "SEKISHO_TICKETS_PASSWORD_RESET_LIFETIME": "3600",
            "SEKISHO_PASSWORD_BREACHED_RANGE_URL": "https://api.pwnedpasswords.com/range/", "SEKISHO_HTTP_HSTS_PRELOAD": "true",
            "SEKISHO_DATABASE_POOL_SIZE": "24",
        ])
        #expect(configuration.hstsPreload && configuration.databasePoolSize == 24)
        #expect(configuration.breachedPasswordsRangeURL?.absoluteString == "https://api.pwnedpasswords.com/range/")
        #expect(Composition.passwordPolicy(configuration).breaches is PwnedPasswordsRange)
        #expect(configuration.lockout.maxFailures == 5 && configuration.lockout.addressFailureLimit == 50)
        #expect(configuration.lockout.lockKeptFor == 90 * 86_400 && configuration.outboxLeaseSeconds == 30)
        #expect(configuration.trustedProxies == [IPAddressRange("10.0.0.0/8")!, IPAddressRange("::1")!])
        #expect(configuration.ticketLifetimes[.passwordReset] == 3_600 && configuration.ticketLifetimes[.unlock] == 86_400)
    }

    @Test("environment names follow the keys")
    func environmentNames() {
        #expect(ConfigSources.environmentName(of: "session.idle-timeout") == "SEKISHO_SESSION_IDLE_TIMEOUT")
        #expect(ConfigSources.environmentName(of: "password.scrypt.log-n") == "SEKISHO_PASSWORD_SCRYPT_LOG_N")
    }

    @Test("contract create explains bad input with the web form's sentences and its own option names")
    func describeProblems() throws {
        let text = try ContractCreateCommand.describe(FormErrors(["email": .invalidEmail, "plan": .invalidChoice]))
        #expect(text == "--contractor-email: This is not a valid email address.\n--plan: Please choose one of the options.")
    }
}
