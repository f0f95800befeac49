import Foundation

/// Finds the session behind a browser's cookie and keeps the sessions table honest: expired rows
/// are refused (and removed), live ones are touched at most once per ``SessionPolicy/touchInterval``.
public struct SessionService: Sendable {
    let store: any Store
    let clock: any WallClock
    public let policy: SessionPolicy

    public init(store: any Store, clock: any WallClock, policy: SessionPolicy) {
        self.store = store
        self.clock = clock
        self.policy = policy
    }

    /// A new pre-sign-in session: it carries the CSRF secret of the public forms.
    public func startAnonymous() async throws -> SecretToken {
        let token = SecretToken.generate()
        let now = clock.now()
        let record = SessionRecord(digest: token.digest, personID: nil, stage: .anonymous, createdAt: now, lastSeenAt: now)
        try await store.transaction { tx in try await tx.sessions.insert(record) }
        return token
    }

    /// The live session of `token`, or `nil` when there is none (unknown, expired, or its person or
    /// contract can no longer sign in: cancelled, or a trial ended).
    public func resume(_ token: SecretToken) async throws -> ActiveSession? {
        let now = clock.now()
        let policy = self.policy
        let found = try await store.read { tx -> ActiveSession? in
            guard let record = try await tx.sessions.find(token.digest) else { return nil }
            guard let personID = record.personID else {
                return ActiveSession(token: token, record: record, account: nil)
            }
            guard let person = try await tx.people.find(personID),
                  let contract = try await tx.contracts.find(person.contractID)
            else { return nil }
            return ActiveSession(token: token, record: record, account: Account(person: person, contract: contract))
        }
        guard let found else { return nil }
        if policy.isExpired(found.record, now: now)
            || found.account.map({ $0.contract.admits($0.person, scope: found.record.scope, at: now) }) == false {
            _ = try await store.transaction { tx in try await tx.sessions.delete(token.digest) }
            return nil
        }
        if policy.needsTouch(found.record, now: now) {
            try await store.transaction { tx in try await tx.sessions.touch(token.digest, at: now) }
        }
        return found
    }
}

/// A session that may be used for this request.
public struct ActiveSession: Sendable {
    public let token: SecretToken
    public let record: SessionRecord
    /// The signed-in person and their contract; `nil` before sign-in.
    public let account: Account?

    public var isSignedIn: Bool { record.stage == .signedIn && account != nil }
}

/// A person together with their contract: what every signed-in page shows from.
public struct Account: Sendable, Equatable {
    public let person: Person
    public let contract: Contract

    public init(person: Person, contract: Contract) {
        self.person = person
        self.contract = contract
    }
}
