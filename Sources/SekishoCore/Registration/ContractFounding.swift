import Foundation

/// Creates an active contract with its contractor inside a transaction: the last step of a confirmed
/// application and of `sekisho contract create`, written once for both.
struct ContractFounding {
    let settings: ServiceSettings

    func found(
        companyName: String, plan: Plan, contractorName: String, email: EmailAddress,
        credential: LoginCredential, now: Date, in tx: any StoreTransaction
    ) async throws -> (Contract, Person) {
        let contract = Contract(
            id: .random(), name: companyName, plan: plan, status: .active, accessRoute: .lineAndInternet,
            trialEndsAt: plan == .trial ? now.addingTimeInterval(settings.trialLength) : nil, createdAt: now)
        try await tx.contracts.insert(contract)
        let person = Person(
            id: .random(), contractID: contract.id, email: email, name: contractorName,
            role: .contractor, loginMethod: credential.loginMethod, createdAt: now)
        guard try await tx.people.insert(person) else { throw RegistrationError.emailTaken }
        try await credential.store(for: person.id, in: tx, now: now)
        // Attempts made on the address before it had an account do not carry over.
        try await tx.signInFailures.unlock(email.normalized)
        return (contract, person)
    }
}

/// Why a registration step cannot go on.
public enum RegistrationError: Error, Sendable, Equatable {
    /// The address belongs to someone by now (another application was confirmed first).
    case emailTaken
}
