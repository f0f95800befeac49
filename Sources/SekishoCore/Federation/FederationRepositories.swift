public import Foundation

/// Pending provider round trips (see ``FederationRequest``).
public protocol FederationRequestRepository: Sendable {
    func insert(_ request: FederationRequest) async throws
    /// Deletes the request and returns it, in one statement: of two concurrent callbacks with one
    /// `state` exactly one gets it.
    func take(_ key: TokenDigest) async throws -> FederationRequest?
    /// Deletes requests started before `cutoff`.
    func deleteCreated(before cutoff: Date) async throws -> Int
}

/// The link between a person and a provider account: (provider, subject) names at most one person,
/// and a person has at most one link, the one of their login method.
public protocol FederatedIdentityRepository: Sendable {
    /// Links `identity` to the person, replacing the person's previous link. The unique index on
    /// (provider, subject) refuses a provider account linked to someone else (the transaction fails).
    func link(_ identity: FederatedIdentity, to person: PersonID, at now: Date) async throws
    func person(linkedTo provider: FederationProvider, subject: String) async throws -> PersonID?
    /// Removes the person's link (their login method went back to password).
    func unlink(_ person: PersonID) async throws
}
