import Foundation

/// The lock in front of every password check (SPEC H1, H2, H6) and the throttle per client address.
/// An attempt is counted before its password is hashed, so of any number of parallel attempts at most
/// ``LockoutPolicy/maxFailures`` are ever checked.
struct AccountLock: Sendable {
    let policy: LockoutPolicy
    let settings: ServiceSettings

    enum Admission: Sendable {
        case admitted
        case locked
        case throttled(until: Date)
    }

    /// Refuses a throttled address or a locked email; otherwise counts the attempt. Refusals are audited.
    func admit(_ email: EmailAddress, client: ClientInfo, now: Date, in store: any Store) async throws -> Admission {
        try await store.transaction { tx in
            if let until = try await policy.throttledUntil(client, now: now, in: tx) {
                try await tx.audit.append(AuditEvent(
                    kind: .requestThrottled, occurredAt: now, email: email.normalized, client: client, detail: "sign_in"))
                return .throttled(until: until)
            }
            guard try await tx.signInFailures.reserve(email.normalized, limit: policy.maxFailures, now: now) != nil else {
                let person = try await tx.people.find(email: email)
                try await tx.audit.append(AuditEvent(
                    kind: .signInRefusedLocked, occurredAt: now, personID: person?.id, contractID: person?.contractID,
                    email: email.normalized, client: client))
                return .locked
            }
            return .admitted
        }
    }

    /// ``admit`` for a password check: throws ``AccountLocked`` or ``ClientThrottled`` unless admitted.
    func requireAdmission(_ email: EmailAddress, client: ClientInfo, now: Date, in store: any Store) async throws {
        switch try await admit(email, client: client, now: now, in: store) {
        case .admitted: return
        case .locked: throw AccountLocked()
        case .throttled(let until): throw ClientThrottled(retryAt: until)
        }
    }

    /// A wrong password or an unknown email, admitted by ``admit``: counts the failure for the email
    /// and the address, and locks the email when this was the last failure allowed. The one attempt that locks
    /// audits it and, when the email has an account, queues the unlock mail (SPEC H2).
    /// Returns whether the email is now locked by this attempt.
    func failed(_ email: EmailAddress, person: Person?, client: ClientInfo, now: Date, in tx: any StoreTransaction) async throws -> Bool {
        _ = try await tx.rateLimits.hit(LockoutPolicy.addressFailureKey(client.address), window: policy.addressWindow, now: now)
        guard try await tx.signInFailures.recordFailure(email.normalized, limit: policy.maxFailures, now: now) else { return false }
        try await tx.audit.append(AuditEvent(
            kind: .accountLocked, occurredAt: now, personID: person?.id, contractID: person?.contractID,
            email: email.normalized, client: client, detail: "failures=\(policy.maxFailures)"))
        if let person {
            let link = try await tx.issueTicket(
                .unlock, subject: person.id.rawValue, voidKey: person.id.rawValue, path: "/lo/unblock", settings: settings, now: now)
            try await tx.outbox.enqueue(RecoveryMails(settings: settings).locked(person, link: link), messageID: settings.newMessageID(), at: now)
        }
        return true
    }
}

extension LockoutPolicy {
    /// When the address has failed too often in its window: the moment it may try again.
    func throttledUntil(_ client: ClientInfo, now: Date, in tx: any StoreTransaction) async throws -> Date? {
        guard let window = try await tx.rateLimits.current(Self.addressFailureKey(client.address), window: addressWindow, now: now),
              window.hits >= addressFailureLimit
        else { return nil }
        return window.startedAt.addingTimeInterval(addressWindow)
    }
}
