import SQLKit

/// One step of the schema, applied once, in order, in its own transaction.
struct Migration: Sendable {
    let id: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

/// The one migration list both databases share.
enum Migrations {
    static let all: [Migration] = [
        FoundationSchema.migration,
        TwoStepSchema.migration,
        RecoverySchema.migration,
        AdminSchema.migration,
        DirectorySearchSchema.migration,
        ContractMenuSchema.migration,
        CancellationSchema.migration,
        FederationSchema.migration,
        LineSchema.migration,
        SessionBrowserSchema.migration,
        SecurityKeySchema.migration,
        DirectoryWordsSchema.migration,
        DirectoryWordPairsSchema.migration,
    ]
}
