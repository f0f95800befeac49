public import Foundation

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
    /// contract can no longer sign in: cancelled, or a trial ended). A session line authentication
    /// refuses for this request (SPEC D5) is ended, and ``LineAccessRefused`` thrown.
    public func resume(_ token: SecretToken, client: ClientInfo) async throws -> ActiveSession? {
        let now = clock.now()
        let policy = self.policy
        let found = try await store.read { tx -> Resumed in
            guard let (record, found) = try await tx.sessions.findWithAccount(token.digest) else { return .none }
            guard !policy.isExpired(record, now: now) else { return .ended(nil) }
            guard record.personID != nil else { return .live(ActiveSession(token: token, record: record, account: nil)) }
            guard let found else { return .none }
            guard found.contract.admits(found.person, scope: record.scope, at: now) else { return .ended(nil) }
            do {
                let account = try await LineAccess.session(record, account: found, arrival: client.arrival, in: tx)
                return .live(ActiveSession(token: token, record: record, account: account))
            } catch let refused as LineAccessRefused {
                return .ended(refused)
            }
        }
        switch found {
        case .none:
            return nil
        case .ended(let refusal):
            _ = try await store.transaction { tx in try await tx.sessions.delete(token.digest) }
            if let refusal { throw refusal }
            return nil
        case .live(let session):
            if policy.needsTouch(session.record, now: now) {
                try await store.transaction { tx in try await tx.sessions.touch(token.digest, at: now) }
            }
            return session
        }
    }
}

/// What ``SessionService/resume(_:client:)`` found: nothing, a session to end (with the line
/// refusal that ended it), or a live one.
private enum Resumed: Sendable {
    case none
    case ended(LineAccessRefused?)
    case live(ActiveSession)
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
    /// This request of a line-only contract came over the internet: only the contractor's contract
    /// menu is open, and in it only the route setting (SPEC D7).
    public private(set) var isLimitedToRouteSetting = false
    /// When the person last proved who they are in the session this account was read from: the
    /// session's creation, since sign-in, two-step and re-authentication each make a new session.
    /// `distantPast` for an account not read from a session, which step-up (``RecentSignIn``) refuses.
    public let provedAt: Date

    public init(person: Person, contract: Contract, provedAt: Date = .distantPast) {
        self.person = person
        self.contract = contract
        self.provedAt = provedAt
    }

    func limitedToRouteSetting() -> Account {
        var account = self
        account.isLimitedToRouteSetting = true
        return account
    }
}
