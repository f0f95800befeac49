/// 「契約情報変更」 (SPEC J3), the contractor's: shows the stored details and saves the form, with an
/// audit event naming the fields that changed.
public struct ChangeContractDetails: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Throws ``ContractMenuRefused``.
    public func current(for account: Account) async throws -> ContractDetails {
        try ContractMenu.require(.contractDetails, for: account)
        return try await store.read { tx in try await tx.contracts.details(of: account.contract.id) } ?? ContractDetails(name: account.contract.name)
    }

    /// Throws ``ContractMenuRefused`` or ``FormErrors``. Returns the saved details.
    @discardableResult
    public func execute(_ form: [String: String], for account: Account, client: ClientInfo) async throws -> ContractDetails {
        try ContractMenu.require(.contractDetails, for: account)
        let details = try ContractDetails.parse(form)
        let now = clock.now()
        try await store.transaction { tx in
            let before = try await tx.contracts.details(of: account.contract.id) ?? ContractDetails(name: account.contract.name)
            let changed = Self.changedFields(before, details)
            guard !changed.isEmpty else { return }
            try await tx.contracts.setDetails(details, of: account.contract.id)
            try await tx.audit.append(AuditEvent(
                kind: .contractDetailsChanged, occurredAt: now, personID: account.person.id, contractID: account.contract.id,
                client: client, detail: "fields=\(changed.joined(separator: "+"))"))
        }
        return details
    }

    static func changedFields(_ before: ContractDetails, _ after: ContractDetails) -> [String] {
        typealias Field = ContractDetails.Field
        let pairs: [(String, String?, String?)] = [
            (Field.name, before.name, after.name), (Field.postalCode, before.postalCode, after.postalCode),
            (Field.address, before.address, after.address), (Field.phone, before.phone, after.phone),
            (Field.billingContact, before.billingContact, after.billingContact),
            (Field.billingEmail, before.billingEmail?.value, after.billingEmail?.value),
        ]
        return pairs.filter { $0.1 != $0.2 }.map(\.0)
    }
}
