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
    try await withTestStores(kind, instances: 1) { try await body($0[0]) }
}

/// Like ``withTestStore(_:_:)`` with `instances` stores opened on the same database: what two
/// server instances sharing one database see.
public func withTestStores<Value>(
    _ kind: StoreKind, instances: Int, _ body: ([SQLStore]) async throws -> Value
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
    defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
    var stores: [SQLStore] = []
    do {
        for _ in 0..<instances { stores.append(try await SQLStore.open(location, logger: logger)) }
        try await stores[0].migrate()
        let value = try await body(stores)
        for store in stores { await store.shutdown() }
        return value
    } catch {
        for store in stores { await store.shutdown() }
        throw error
    }
}
