public import Foundation

/// What a person signs in with after a registration step (SPEC F1): a password, or a provider
/// account. Storing one removes the other and sets the login method, so the method and the stored
/// credentials never disagree: registering Google makes the password unusable, registering a
/// password removes the Google link.
public enum LoginCredential: Sendable, Equatable {
    /// The PHC string of a chosen password.
    case password(hash: String)
    case provider(FederatedIdentity)

    public var loginMethod: LoginMethod {
        switch self {
        case .password: .password
        case .provider(let identity): identity.provider.loginMethod
        }
    }

    /// Stores the credential for the person. Throws ``FederationRefused/accountTaken`` when the
    /// provider account is linked to someone else by now (checked here, in the transaction; the
    /// unique index stays the backstop of a race, which rolls the transaction back).
    func store(for person: PersonID, in tx: any StoreTransaction, now: Date) async throws {
        try await tx.people.setLoginMethod(loginMethod, of: person)
        switch self {
        case .password(let hash):
            try await tx.passwords.set(hash, for: person, at: now)
            try await tx.federatedIdentities.unlink(person)
        case .provider(let identity):
            if let owner = try await tx.federatedIdentities.person(linkedTo: identity.provider, subject: identity.subject), owner != person {
                throw FederationRefused.accountTaken(identity.provider)
            }
            try await tx.passwords.remove(for: person)
            try await tx.federatedIdentities.link(identity, to: person, at: now)
        }
    }

    /// For the audit detail: `method=password` or `method=google`.
    var auditDetail: String { "method=\(loginMethod.rawValue)" }
}
