/// Appends the audit event of a request line authentication refused. The web layer calls it where
/// the refusal becomes a page, so every pathway is audited the same way, after its own transaction
/// rolled back.
public struct LineRefusalAudit: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    public func record(_ refusal: LineAccessRefused, client: ClientInfo) async throws {
        let now = clock.now()
        var detail = "reason=\(refusal.reason.rawValue),pathway=\(refusal.pathway.rawValue)"
        if let line = refusal.line { detail += ",line=\(line)" }
        let event = AuditEvent(
            kind: .lineRefused, occurredAt: now, personID: refusal.personID, contractID: refusal.contractID, client: client, detail: detail)
        try await store.transaction { tx in try await tx.audit.append(event) }
    }
}
