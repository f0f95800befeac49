import ArgumentParser
import Logging
import SekishoStore

/// The options every command that touches the database shares.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory for the embedded database, mail files and keys. (default: ./data; SEKISHO_DATA_DIR)")
    var dataDir: String?

    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:5432/database to use PostgreSQL instead of the embedded SQLite file. (SEKISHO_DATABASE_URL)")
    var databaseURL: String?

    @Option(name: .customLong("config"), help: "A JSON configuration file. (SEKISHO_CONFIG_FILE)")
    var configFile: String?

    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["data.dir"] = dataDir
        flags["database.url"] = databaseURL
        return flags
    }

    /// Reads the whole configuration with these flags (and `extra` ones) on top.
    func configuration(extra: [String: String] = [:]) async throws -> SekishoConfiguration {
        let reader = try await ConfigSources.reader(flags: flags.merging(extra) { $1 }, configFile: configFile)
        return try SekishoConfiguration.load(SettingsReader(config: reader))
    }
}

extension StorageOptions {
    /// Opens the configured store (logging warnings only), runs `work`, and shuts the store down
    /// whether it succeeded or not.
    func withStore<Value>(_ work: (SekishoConfiguration, SQLStore) async throws -> Value) async throws -> Value {
        try await withStore(try await configuration(), work)
    }

    /// ``withStore(_:)`` with the configuration already read.
    func withStore<Value>(
        _ configuration: SekishoConfiguration, _ work: (SekishoConfiguration, SQLStore) async throws -> Value
    ) async throws -> Value {
        LogSetup.bootstrap(format: configuration.logFormat, level: .warning)
        let store = try await Composition.openStore(configuration, logger: Logger(label: "sekisho"))
        do {
            let value = try await work(configuration, store)
            await store.shutdown()
            return value
        } catch {
            await store.shutdown()
            throw error
        }
    }
}
