public import SekishoCore
import Synchronization

/// A store whose database can be "switched off": while it is, every call throws
/// ``StoreError/unavailable``, as the real backends do when the database cannot be reached
/// (`DatabaseOutageTests` in the store tests prove that part).
public final class SwitchableStore: Store {
    public let base: any Store
    private let down = Mutex(false)

    public init(_ base: any Store) {
        self.base = base
    }

    /// Takes the database away (`true`) or brings it back (`false`).
    public func setDown(_ isDown: Bool) {
        down.withLock { $0 = isDown }
    }

    private func reachable() throws {
        if down.withLock({ $0 }) { throw StoreError.unavailable }
    }

    public func transaction<Value: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> Value) async throws -> Value {
        try reachable()
        return try await base.transaction(work)
    }

    public func read<Value: Sendable>(_ work: @Sendable (any StoreTransaction) async throws -> Value) async throws -> Value {
        try reachable()
        return try await base.read(work)
    }

    public func ping() async throws {
        try reachable()
        try await base.ping()
    }
}
