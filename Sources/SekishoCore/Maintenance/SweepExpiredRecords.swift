import Foundation

/// Deletes what can no longer be used: expired sessions, expired mail tickets, applications whose
/// confirmation link has run out, browsers no longer remembered, finished rate-limit windows,
/// stale wrong-password counts, locks a year old and abandoned provider round trips.
/// Run periodically by a background service.
public struct SweepExpiredRecords: Sendable {
    let store: any Store
    let clock: any WallClock
    let sessions: SessionPolicy
    let settings: ServiceSettings
    let twoStep: TwoStepPolicy
    let lockout: LockoutPolicy
    /// Rate-limit windows are never longer than this.
    static let longestRateWindow: TimeInterval = 86_400

    public init(
        store: any Store, clock: any WallClock, sessions: SessionPolicy, settings: ServiceSettings,
        twoStep: TwoStepPolicy = TwoStepPolicy(), lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.sessions = sessions
        self.settings = settings
        self.twoStep = twoStep
        self.lockout = lockout
    }

    /// The number of rows removed, by table.
    public struct Report: Sendable, Equatable {
        public let sessions: Int
        public let tickets: Int
        public let applications: Int
        public let rememberedBrowsers: Int
        public let rateLimits: Int
        public let signInFailures: Int
        public let federationRequests: Int

        public init(
            sessions: Int, tickets: Int, applications: Int, rememberedBrowsers: Int = 0, rateLimits: Int = 0, signInFailures: Int = 0,
            federationRequests: Int = 0
        ) {
            self.sessions = sessions
            self.tickets = tickets
            self.applications = applications
            self.rememberedBrowsers = rememberedBrowsers
            self.rateLimits = rateLimits
            self.signInFailures = signInFailures
            self.federationRequests = federationRequests
        }
    }

    public func execute() async throws -> Report {
        let now = clock.now()
        let idleCutoff = sessions.sweepCutoff(now: now)
        let absoluteCutoff = now.addingTimeInterval(-sessions.absoluteTimeout)
        let applicationCutoff = now.addingTimeInterval(-settings.lifetime(of: .applicationConfirmation))
        let browserCutoff = now.addingTimeInterval(-twoStep.rememberFor)
        let rateCutoff = now.addingTimeInterval(-Self.longestRateWindow)
        let failureCutoff = now.addingTimeInterval(-lockout.staleAfter)
        let lockCutoff = now.addingTimeInterval(-lockout.lockKeptFor)
        return try await store.transaction { tx in
            Report(
                sessions: try await tx.sessions.deleteExpired(idleCutoff: idleCutoff, absoluteCutoff: absoluteCutoff),
                tickets: try await tx.tickets.deleteExpired(before: now),
                applications: try await tx.applications.deleteCreated(before: applicationCutoff),
                rememberedBrowsers: try await tx.rememberedBrowsers.deleteUnused(since: browserCutoff),
                rateLimits: try await tx.rateLimits.deleteStale(before: rateCutoff),
                signInFailures: try await tx.signInFailures.deleteStale(countsBefore: failureCutoff, locksBefore: lockCutoff),
                federationRequests: try await tx.federationRequests.deleteCreated(before: now.addingTimeInterval(-FederationRequest.lifetime)))
        }
    }
}
