import Foundation

/// Erases the contracts cancelled longer ago than ``ServiceSettings/cancellationRetention`` (SPEC J4),
/// each in its own transaction. What stays is one `contract.purged` event naming the contract id and
/// how many people went, with no personal data. Run periodically by a background service.
public struct PurgeCancelledContracts: Sendable {
    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// The contracts erased by this run.
    @discardableResult
    public func execute() async throws -> [ContractID] {
        let now = clock.now()
        let cutoff = now.addingTimeInterval(-settings.cancellationRetention)
        let due = try await store.read { tx in try await tx.contracts.cancelled(before: cutoff) }
        for id in due {
            try await store.transaction { tx in
                let people = try await tx.contracts.purge(id)
                try await tx.audit.append(AuditEvent(
                    kind: .contractPurged, occurredAt: now, contractID: id, client: .backgroundJob, detail: "people=\(people)"))
            }
        }
        return due
    }
}
