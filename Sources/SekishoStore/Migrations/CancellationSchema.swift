import SQLKit

/// 「解約」 (SPEC J4): when a contract was cancelled, so its data can be erased after the retention.
enum CancellationSchema {
    static let migration = Migration(id: "007_cancellation") { db in
        try await db.alter(table: "contracts").column("cancelled_at", type: .bigint).run()
        try await db.create(index: "contracts_cancelled").on("contracts").column("cancelled_at").run()
    }
}
