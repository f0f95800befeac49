import Configuration
import Foundation
import SystemPackage

/// Where settings come from, strongest first: command-line flags, `SEKISHO_*` environment variables,
/// an optional JSON file (`--config` or `SEKISHO_CONFIG_FILE`), then the defaults in code.
enum ConfigSources {
    /// The environment variable of a key: `session.idle-timeout` → `SEKISHO_SESSION_IDLE_TIMEOUT`.
    static func environmentName(of key: String) -> String {
        "SEKISHO_" + key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// Variables whose values never appear in logs or errors.
    static let secretVariables: Set<String> = [
        "SEKISHO_SMTP_PASSWORD", "SEKISHO_DATABASE_URL", "SEKISHO_SECRETS_KEY", "SEKISHO_SMS_HTTP_AUTH_VALUE",
        "SEKISHO_GOOGLE_CLIENT_SECRET", "SEKISHO_FACEBOOK_APP_SECRET",
    ]

    static func reader(
        flags: [String: String], configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> ConfigReader {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: Dictionary(uniqueKeysWithValues: flags.map { key, value in
                (AbsoluteConfigKey(ConfigKey(key)), ConfigValue(.string(value), isSecret: key == "database.url"))
            })),
            EnvironmentVariablesProvider(
                environmentVariables: environment, secretsSpecifier: .specific(secretVariables)
            ).prefixKeys(with: "sekisho"),
        ]
        if let path = configFile ?? environment["SEKISHO_CONFIG_FILE"], !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigurationError("configuration file \(path) does not exist")
            }
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path)))
            } catch {
                throw ConfigurationError("configuration file \(path) is not valid JSON: \(error)")
            }
        }
        return ConfigReader(providers: providers)
    }
}
