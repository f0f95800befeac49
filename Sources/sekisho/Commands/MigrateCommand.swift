import ArgumentParser
import Logging
import SekishoStore

/// `sekisho migrate`: brings the database schema up to date and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Run the database migrations and exit.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try await storage.configuration()
        LogSetup.bootstrap(format: configuration.logFormat, level: .warning)
        let store = try await Composition.openStore(configuration, logger: Logger(label: "sekisho"), migrate: false)
        do {
            let applied = try await store.migrate()
            print(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
