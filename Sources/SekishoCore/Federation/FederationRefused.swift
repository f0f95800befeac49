/// Why a provider sign-in or registration did not go on, each with its own page (SPEC B4).
public enum FederationRefused: Error, Sendable, Equatable {
    /// No person is linked to this provider account: the page says how to get an account.
    case notRegistered(FederationProvider)
    /// The provider vouched for an address whose person signs in another way (by password, or with
    /// the other provider): the page says which. Only shown to whoever proved the address.
    case signsInWith(LoginMethod)
    /// The provider account is linked to another person already.
    case accountTaken(FederationProvider)
    /// The round trip failed (cancelled, bad token, unreachable provider, unknown state).
    case failed(FederationFailure)
}

/// A refusal together with what the round trip was for, so the page can lead back to where the
/// person came from (the sign-in page of the portal or of the contract menu, or the mail link).
public struct FederationError: Error, Sendable, Equatable {
    public let reason: FederationRefused
    /// `nil` when the callback matched no pending request.
    public let purpose: FederationPurpose?

    public init(_ reason: FederationRefused, purpose: FederationPurpose?) {
        self.reason = reason
        self.purpose = purpose
    }
}
