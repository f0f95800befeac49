public import SekishoCore

/// Google and Facebook's use cases (SPEC B4, A2, E2, F4).
public struct FederationServices: Sendable {
    public let providers: IdentityProviders
    public let start: StartFederation
    public let finish: FinishFederation
    public let confirm: ConfirmFederatedRegistration

    public init(providers: IdentityProviders, start: StartFederation, finish: FinishFederation, confirm: ConfirmFederatedRegistration) {
        self.providers = providers
        self.start = start
        self.finish = finish
        self.confirm = confirm
    }
}
