import Foundation
import Logging
public import SekishoStore

/// The databases a store test runs on.
public enum StoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL whenever a server can be had (see ``PostgresTestCluster``).
    /// `SEKISHO_REQUIRE_POSTGRES=1` (set by CI) turns a missing PostgreSQL into a failure.
    public static var available: [StoreKind] {
        if PostgresTestCluster.isAvailable || ProcessInfo.processInfo.environment["SEKISHO_REQUIRE_POSTGRES"] == "1" {
            return allCases
        }
        return [.sqlite]
    }

    public var description: String { rawValue }
}

/// Opens a fresh, migrated store of `kind` (a temporary SQLite file, or a new PostgreSQL database),
/// runs `body` and closes it.
public func withTestStore<Value>(
    _ kind: StoreKind, _ body: (SQLStore) async throws -> Value
) async throws -> Value {
    let location: DatabaseLocation
    var cleanup: String?
    switch kind {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-test-\(UUID().uuidString)").path
        cleanup = directory
        location = .sqliteFile(path: "\(directory)/sekisho.sqlite")
    case .postgres:
        location = .postgres(url: try PostgresTestCluster.shared().createDatabase())
    }
    var logger = Logger(label: "sekisho.test")
    logger.logLevel = .warning
    let store = try await SQLStore.open(location, logger: logger)
    defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
    do {
        try await store.migrate()
        let value = try await body(store)
        await store.shutdown()
        return value
    } catch {
        await store.shutdown()
        throw error
    }
}
