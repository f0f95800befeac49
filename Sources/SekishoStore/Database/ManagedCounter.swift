import Synchronization

/// A lock-free counter for spreading reads over connections.
final class ManagedCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue & Int.max
    }
}
