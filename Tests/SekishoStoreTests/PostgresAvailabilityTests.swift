import Foundation
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

@Suite("PostgreSQL for the store tests")
struct PostgresAvailabilityTests {
    /// Shows up as skipped, with the reason, on a machine without PostgreSQL: the other store tests
    /// then run on SQLite only. With `SEKISHO_REQUIRE_POSTGRES=1` (CI) it runs and fails instead.
    @Test(
        "a PostgreSQL server is there and answers",
        .enabled(
            if: PostgresTestCluster.isAvailable || ProcessInfo.processInfo.environment["SEKISHO_REQUIRE_POSTGRES"] == "1",
            Comment(rawValue: PostgresTestCluster.skipReason)))
    func available() async throws {
        try await withTestStore(.postgres) { store async throws in
            #expect(store.kind == .postgres)
            try await store.ping()
        }
    }
}
