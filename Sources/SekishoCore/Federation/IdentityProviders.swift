/// The configured providers. One without a client id and secret is absent, and its button leads
/// to a page that says it is not available.
public struct IdentityProviders: Sendable {
    private let byName: [FederationProvider: any IdentityProvider]

    public init(_ providers: [any IdentityProvider]) {
        byName = Dictionary(providers.map { ($0.provider, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Throws ``FederationFailure/notConfigured``.
    func client(_ provider: FederationProvider) throws -> any IdentityProvider {
        guard let client = byName[provider] else { throw FederationFailure.notConfigured }
        return client
    }
}
