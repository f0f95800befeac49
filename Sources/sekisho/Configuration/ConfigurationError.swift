/// A configuration value Sekisho cannot start with; the message names the key and what is expected.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// "http.port (SEKISHO_HTTP_PORT, --port): …" so every way of setting the key is named.
    static func invalid(_ key: String, _ expectation: String) -> ConfigurationError {
        ConfigurationError("\(key) (\(ConfigSources.environmentName(of: key))): \(expectation)")
    }
}
