import Foundation

/// Sign-in with a provider account that vouched (SPEC B4): the person is found by (provider,
/// subject) only. Two-step verification is not asked (the provider does its own; STANDARDS.md
/// accepts it), so the new session is signed in at once.
struct FederatedSignIn: Sendable {
    let store: any Store
    let settings: ServiceSettings

    /// Throws ``FederationError`` or ``ContractClosed`` (both audited), or ``LineAccessRefused``.
    func execute(
        _ identity: FederatedIdentity, scope: SessionScope, previous: TokenDigest?, client: ClientInfo, now: Date
    ) async throws -> SignedIn {
        let purpose = FederationPurpose.signIn(scope)
        let token = SecretToken.generate()
        let outcome = try await store.transaction { tx -> Result<SignedIn, any Error> in
            let account = try await Self.account(linkedTo: identity, in: tx)
            guard let account, account.person.status == .active else {
                let reason = try await Self.refusal(for: identity, in: tx)
                try await FederationAudit.refused(reason, identity: identity, person: account?.person, purpose: purpose, client: client, now: now, in: tx)
                return .failure(FederationError(reason, purpose: purpose))
            }
            if let closure = account.contract.closure(for: account.person, scope: scope, at: now) {
                try await tx.audit.append(AuditEvent(
                    kind: closure == .cancelled ? .signInRefusedCancelled : .signInRefusedTrialEnded, occurredAt: now,
                    personID: account.person.id, contractID: account.contract.id, client: client,
                    detail: "scope=\(scope.rawValue),method=\(identity.provider.rawValue)"))
                return .failure(closure)
            }
            let line = try await LineAccess.signIn(account, scope: scope, arrival: client.arrival, pathway: .federation, in: tx)
            let stage = line.stage(secondStepDone: true)
            if let previous { try await tx.sessions.delete(previous) }
            try await tx.sessions.insert(SessionRecord(
                digest: token.digest, personID: account.person.id, stage: stage, scope: scope, createdAt: now, lastSeenAt: now,
                line: line.number, browser: BrowserLabel.from(userAgent: client.userAgent)))
            let detail = (["method=\(identity.provider.rawValue)"] + (line.auditDetail.map { [$0] } ?? []) + ["scope=\(scope.rawValue)"])
                .joined(separator: ",")
            if stage == .signedIn {
                try await tx.signInCompleted(account.person, detail: detail, client: client, settings: settings, now: now)
            } else {
                try await tx.audit.append(AuditEvent(
                    kind: .signInPasswordAccepted, occurredAt: now, personID: account.person.id, contractID: account.contract.id,
                    client: client, detail: detail))
            }
            return .success(SignedIn(token: token, account: account, stage: stage))
        }
        return try outcome.get()
    }

    private static func account(linkedTo identity: FederatedIdentity, in tx: any StoreTransaction) async throws -> Account? {
        guard let id = try await tx.federatedIdentities.person(linkedTo: identity.provider, subject: identity.subject),
              let person = try await tx.people.find(id),
              let contract = try await tx.contracts.find(person.contractID)
        else { return nil }
        return Account(person: person, contract: contract)
    }

    /// What to tell someone whose provider account leads nowhere. Only an address the provider
    /// verified may reveal how its person signs in: whoever holds that account proved the address.
    private static func refusal(for identity: FederatedIdentity, in tx: any StoreTransaction) async throws -> FederationRefused {
        if identity.emailVerified, let email = identity.email, let owner = try await tx.people.find(email: email),
           owner.status == .active, owner.loginMethod != identity.provider.loginMethod {
            return .signsInWith(owner.loginMethod)
        }
        return .notRegistered(identity.provider)
    }
}
