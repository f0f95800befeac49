/// ログアウト: the session row is deleted, so the cookie is worthless even if it survives.
public struct SignOut: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    public func execute(_ session: ActiveSession, client: ClientInfo) async throws {
        let now = clock.now()
        try await store.transaction { tx in
            try await tx.sessions.delete(session.token.digest)
            if let person = session.account?.person {
                try await tx.audit.append(AuditEvent(
                    kind: .signedOut, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
            }
        }
    }
}
