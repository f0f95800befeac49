import ArgumentParser
import Hummingbird
import Logging
import SekishoCore
import SekishoStore

/// `sekisho serve`: runs the portal until SIGTERM or SIGINT, then shuts down gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the portal (migrations run first).",
        discussion: "Every flag can also be set with a SEKISHO_* environment variable or in the --config file; see docs/configuration.md.")

    @Option(help: "TCP port to listen on. (default: 8080; SEKISHO_HTTP_PORT)")
    var port: Int?

    @Option(help: "Address to listen on. (default: 127.0.0.1; SEKISHO_HTTP_HOST)")
    var host: String?

    @Option(name: .customLong("public-url"), help: "The URL people use to reach Sekisho; mail links start with it. (default: http://HOST:PORT; SEKISHO_PUBLIC_URL)")
    var publicURL: String?

    @Option(help: "development (http, mail to files, /dev/mail) or production (https, SMTP). (default: development; SEKISHO_MODE)")
    var mode: String?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        var extra: [String: String] = [:]
        extra["http.port"] = port.map(String.init)
        extra["http.host"] = host
        extra["public.url"] = publicURL
        extra["mode"] = mode
        let configuration = try await storage.configuration(extra: extra)
        LogSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "sekisho")
        let store = try await Composition.openStore(configuration, logger: logger)
        let pool = HashingPool(threads: configuration.hashThreads, queueLimit: configuration.hashQueue)
        do {
            let app = try await Composition.buildApplication(configuration, store: store, pool: pool, logger: logger)
            try await app.runService()
        } catch {
            await store.shutdown()
            pool.shutdown()
            throw error
        }
        await store.shutdown()
        pool.shutdown()
    }
}
