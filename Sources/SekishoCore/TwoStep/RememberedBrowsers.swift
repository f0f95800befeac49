import Foundation

/// The browsers that skip two-step for a person (SPEC C6): checked at sign-in, listed on home,
/// forgotten one by one.
public struct RememberedBrowsers: Sendable {
    let store: any Store
    let clock: any WallClock
    let policy: TwoStepPolicy

    public init(store: any Store, clock: any WallClock, policy: TwoStepPolicy) {
        self.store = store
        self.clock = clock
        self.policy = policy
    }

    /// The person's browsers still trusted now, most recently used first.
    public func list(for person: PersonID) async throws -> [RememberedBrowser] {
        let now = clock.now()
        return try await store.read { tx in try await tx.rememberedBrowsers.list(for: person) }
            .filter { policy.isRemembered(lastUsed: $0.lastUsedAt, now: now) }
    }

    /// Forgets one of the person's browsers; `false` when it is not theirs (or already gone).
    public func forget(_ id: RememberedBrowser.ID, person: Person, client: ClientInfo) async throws -> Bool {
        let now = clock.now()
        return try await store.transaction { tx in
            guard try await tx.rememberedBrowsers.delete(id, of: person.id) else { return false }
            try await tx.audit.append(AuditEvent(
                kind: .browserForgotten, occurredAt: now, personID: person.id, contractID: person.contractID, client: client))
            return true
        }
    }

    /// 「すべて削除」: forgets every browser of the person; returns how many there were.
    public func forgetAll(person: Person, client: ClientInfo) async throws -> Int {
        let now = clock.now()
        return try await store.transaction { tx in
            let count = try await tx.rememberedBrowsers.deleteAll(of: person.id)
            if count > 0 {
                try await tx.audit.append(AuditEvent(
                    kind: .browserForgotten, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                    detail: "all=\(count)"))
            }
            return count
        }
    }

    /// Whether the browser holding `token` skips two-step for `person` at `now`; when it does, its
    /// last use moves to `now` (the 30 days slide). Runs inside the sign-in's transaction.
    static func admits(
        _ token: SecretToken?, person: PersonID, policy: TwoStepPolicy, in tx: any StoreTransaction, now: Date
    ) async throws -> Bool {
        guard let token, let browser = try await tx.rememberedBrowsers.find(token.digest), browser.personID == person,
              policy.isRemembered(lastUsed: browser.lastUsedAt, now: now)
        else { return false }
        try await tx.rememberedBrowsers.touch(browser.id, at: now)
        return true
    }
}
