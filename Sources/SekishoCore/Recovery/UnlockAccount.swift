/// The unlock link of the lock mail (SPEC H2): the GET shows whose account it is for, the button's
/// POST unlocks it and forgets its count.
public struct UnlockAccount: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The person a usable unlock ticket is for, without using it. Throws ``TicketRejected`` or
    /// ``LineAccessRefused``.
    public func preview(ticket text: String?, client: ClientInfo) async throws -> Person {
        let now = clock.now()
        return try await store.read { tx in
            try await tx.person(named: try await tx.usableTicket(text, purpose: .unlock, now: now), over: client)
        }
    }

    /// Uses the ticket and unlocks, in one transaction. Throws ``TicketRejected``.
    public func execute(ticket text: String?, client: ClientInfo) async throws {
        let now = clock.now()
        try await store.transaction { tx in
            let person = try await tx.person(named: try await tx.consumeTicket(text, purpose: .unlock, now: now), over: client)
            try await tx.signInFailures.unlock(person.email.normalized)
            try await tx.audit.append(AuditEvent(
                kind: .accountUnlocked, occurredAt: now, personID: person.id, contractID: person.contractID,
                client: client, detail: "by=link"))
        }
    }
}
