/// `sekisho contract create`: an operator creates an active contract and its contractor directly,
/// with the same rules as the application form.
public struct CreateContract: Sendable {
    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
    }

    public func execute(_ form: ApplicationForm) async throws -> (Contract, Person) {
        let valid = try form.validate(policy: policy)
        let passwordHash = try await hasher.hash(valid.password).phcString
        let founding = ContractFounding(settings: settings)
        let now = clock.now()
        return try await store.transaction { tx in
            let (contract, person) = try await founding.found(
                companyName: valid.companyName, plan: valid.plan, contractorName: valid.applicantName,
                email: valid.email, credential: .password(hash: passwordHash), now: now, in: tx)
            try await tx.audit.append(AuditEvent(
                kind: .contractCreatedByOperator, occurredAt: now, personID: person.id, contractID: contract.id,
                client: .commandLine, detail: "plan=\(contract.plan.rawValue)"))
            return (contract, person)
        }
    }
}
