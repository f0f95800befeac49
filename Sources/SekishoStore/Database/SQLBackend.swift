import SQLKit

/// Which database is behind the store; the few places where SQL differs ask this.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// A database the store can run work on: transactions for changes, plain reads for pages.
protocol SQLBackend: Sendable {
    var kind: DatabaseKind { get }
    func withTransaction<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value
    func withReader<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value
    func shutdown() async
}
