import SekishoCore

extension FederationFailure {
    /// Every error that leaves a provider is a ``FederationFailure``; anything else reaching this
    /// point is a fault in the client itself and is reported as an unusable answer.
    static func from(_ error: any Error) -> FederationFailure {
        (error as? FederationFailure) ?? .invalidResponse("unexpected \(type(of: error))")
    }
}
