import Foundation

/// Deletes what can no longer be used: expired sessions, expired mail tickets, and applications
/// whose confirmation link has run out. Run periodically by a background service.
public struct SweepExpiredRecords: Sendable {
    let store: any Store
    let clock: any WallClock
    let sessions: SessionPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, sessions: SessionPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.sessions = sessions
        self.settings = settings
    }

    /// The number of rows removed, by table.
    public struct Report: Sendable, Equatable {
        public let sessions: Int
        public let tickets: Int
        public let applications: Int

        public init(sessions: Int, tickets: Int, applications: Int) {
            self.sessions = sessions
            self.tickets = tickets
            self.applications = applications
        }
    }

    public func execute() async throws -> Report {
        let now = clock.now()
        let idleCutoff = sessions.sweepCutoff(now: now)
        let absoluteCutoff = now.addingTimeInterval(-sessions.absoluteTimeout)
        let applicationCutoff = now.addingTimeInterval(-settings.lifetime(of: .applicationConfirmation))
        return try await store.transaction { tx in
            Report(
                sessions: try await tx.sessions.deleteExpired(idleCutoff: idleCutoff, absoluteCutoff: absoluteCutoff),
                tickets: try await tx.tickets.deleteExpired(before: now),
                applications: try await tx.applications.deleteCreated(before: applicationCutoff))
        }
    }
}
