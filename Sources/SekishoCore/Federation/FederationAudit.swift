import Foundation

/// The audit events of provider round trips, written once for the start, the callback and 「確認」.
enum FederationAudit {
    static func failed(
        _ failure: FederationFailure, provider: FederationProvider, purpose: FederationPurpose?, client: ClientInfo, now: Date,
        in store: any Store
    ) async throws {
        try await store.transaction { tx in
            try await tx.audit.append(AuditEvent(
                kind: .federationFailed, occurredAt: now, client: client,
                detail: "provider=\(provider.rawValue),purpose=\(purpose?.stored.kind ?? "unknown"),reason=\(failure.auditName)"))
        }
    }

    static func refused(
        _ reason: FederationRefused, identity: FederatedIdentity, person: Person?, purpose: FederationPurpose, client: ClientInfo,
        now: Date, in tx: any StoreTransaction
    ) async throws {
        let name = switch reason {
        case .notRegistered: "not_registered"
        case .signsInWith(let method): "signs_in_with_\(method.rawValue)"
        case .accountTaken: "account_taken"
        case .failed(let failure): failure.auditName
        }
        try await tx.audit.append(AuditEvent(
            kind: .federationRefused, occurredAt: now, personID: person?.id, contractID: person?.contractID, client: client,
            detail: "provider=\(identity.provider.rawValue),purpose=\(purpose.stored.kind),reason=\(name)"))
    }
}
