/// Google and Facebook's use cases (SPEC B4, A2, E2, F4), built together over one set of providers.
public struct FederationUseCases: Sendable {
    public let start: StartFederation
    public let finish: FinishFederation
    public let confirm: ConfirmFederatedRegistration

    /// `application` submits applications made with a provider, as the password path does.
    public init(
        providers: [any IdentityProvider], store: any Store, clock: any WallClock, application: ApplyForContract, settings: ServiceSettings
    ) {
        let providers = IdentityProviders(providers)
        start = StartFederation(store: store, clock: clock, providers: providers)
        finish = FinishFederation(store: store, clock: clock, providers: providers, application: application, settings: settings)
        confirm = ConfirmFederatedRegistration(store: store, clock: clock, settings: settings)
    }
}
