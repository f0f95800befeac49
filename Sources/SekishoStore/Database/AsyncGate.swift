/// A first-come-first-served lock for async code. SQLite has one writer; statements of concurrent
/// tasks on one connection would otherwise interleave with an open transaction (DESIGN: known traps).
actor AsyncGate {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var next = 0

    func withGate<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        guard next < waiting.count else {
            held = false
            waiting.removeAll(keepingCapacity: true)
            next = 0
            return
        }
        let continuation = waiting[next]
        next += 1
        continuation.resume()
    }
}
