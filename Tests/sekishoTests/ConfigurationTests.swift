import Foundation
@testable import sekisho
import SekishoCore
import SekishoDelivery
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
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.scrypt == .default)
        #expect(configuration.session == SessionPolicy(idleTimeout: 3600, absoluteTimeout: 86_400))
        #expect(configuration.logFormat == .text)
        guard case .file = configuration.mail.transport else { Issue.record("file transport expected"); return }
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
    ])
    func invalid(environment: [String: String], mentions: String) async throws {
        let error = try await #require(throws: ConfigurationError.self) { try await load(environment: environment) }
        #expect(error.description.contains(mentions))
    }

    @Test("production refuses http and file mail; accepts https with SMTP")
    func production() async throws {
        let http = try await #require(throws: ConfigurationError.self) { try await load(environment: ["SEKISHO_MODE": "production"]) }
        #expect(http.description.contains("https"))
        let fileMail = try await #require(throws: ConfigurationError.self) {
            try await load(environment: ["SEKISHO_MODE": "production", "SEKISHO_PUBLIC_URL": "https://login.example.jp", "SEKISHO_MAIL_TRANSPORT": "file"])
        }
        #expect(fileMail.description.contains("SMTP"))
        let ok = try await load(environment: [
            "SEKISHO_MODE": "production", "SEKISHO_PUBLIC_URL": "https://login.example.jp", "SEKISHO_SMTP_HOST": "smtp.example.jp",
            "SEKISHO_SMTP_USERNAME": "sekisho", "SEKISHO_SMTP_PASSWORD": "secret",
        ])
        #expect(ok.logFormat == .json)
        #expect(ok.mail.fromAddress == "no-reply@login.example.jp")
        guard case .smtp(let smtp) = ok.mail.transport else { Issue.record("smtp expected"); return }
        #expect(smtp.host == "smtp.example.jp" && smtp.port == 587 && smtp.security == .startTLS && smtp.credentials?.username == "sekisho")
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
