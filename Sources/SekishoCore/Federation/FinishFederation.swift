import Foundation

/// The parameters of a provider's redirect back, as received (all untrusted).
public struct ProviderCallback: Sendable, Equatable {
    public let state: String?
    public let code: String?
    public let error: String?
    /// RFC 9207's `iss`, when the provider sends it.
    public let issuer: String?

    public init(state: String?, code: String?, error: String?, issuer: String?) {
        self.state = state
        self.code = code
        self.error = error
        self.issuer = issuer
    }
}

/// Where a successful callback leads.
public enum FederationOutcome: Sendable {
    /// Signed in (no two-step verification after a provider, SPEC B4): set the session cookie.
    case signedIn(SignedIn, scope: SessionScope)
    /// An invitation or email-change link: show 「確認」 before anything is registered.
    case confirmRegistration(FederatedConfirmation)
    /// An application: the confirmation mail is on its way to this address, as on the password path.
    case applicationMailed(EmailAddress)
}

/// The provider's redirect back to `/auth/<provider>/callback` (SPEC B4; RFC 9700 client rules):
/// takes the pending request of the `state` (single use), checks it belongs to this browser's
/// session, this provider and is recent, then exchanges the code and validates what comes back,
/// and only then acts on the purpose. Nothing is linked or created before every check passed.
public struct FinishFederation: Sendable {
    let store: any Store
    let clock: any WallClock
    let providers: IdentityProviders
    let application: ApplyForContract
    let settings: ServiceSettings

    public init(
        store: any Store, clock: any WallClock, providers: IdentityProviders, application: ApplyForContract, settings: ServiceSettings
    ) {
        self.store = store
        self.clock = clock
        self.providers = providers
        self.application = application
        self.settings = settings
    }

    /// Throws ``FederationError`` (audited), ``ContractClosed`` for a sign-in into a closed contract, or
    /// ``LineAccessRefused``.
    public func execute(
        _ provider: FederationProvider, callback: ProviderCallback, session: ActiveSession?, client: ClientInfo
    ) async throws -> FederationOutcome {
        let now = clock.now()
        let request = try await take(callback.state, provider: provider, session: session, client: client, now: now)
        let identity: FederatedIdentity
        do {
            if let error = callback.error {
                // RFC 6749 §4.1.2.1 codes are short ASCII words; anything else is cut down before the audit log.
                let code = String(error.prefix(40).filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
                throw code == "access_denied" ? FederationFailure.cancelled : FederationFailure.providerError(code)
            }
            guard let code = callback.code, !code.isEmpty, code.utf8.count <= 2048, let state = callback.state, let session else {
                throw FederationFailure.invalidResponse("no code")
            }
            let transaction = StartFederation.transaction(
                state: state, nonce: request.nonce, session: session.token, purpose: request.purpose, arrival: client.arrival)
            identity = try await providers.client(provider).identity(code: code, issuerParameter: callback.issuer, transaction: transaction)
        } catch let failure as FederationFailure {
            try await FederationAudit.failed(failure, provider: provider, purpose: request.purpose, client: client, now: now, in: store)
            throw FederationError(.failed(failure), purpose: request.purpose)
        }
        switch request.purpose {
        case .signIn, .signInAgain:
            let scope = request.purpose == .signIn(.contractMenu) ? SessionScope.contractMenu : .portal
            let signIn = FederatedSignIn(store: store, settings: settings)
            let signedIn = try await signIn.execute(identity, scope: scope, previous: session?.token.digest, client: client, now: now)
            return .signedIn(signedIn, scope: scope)
        case .application(let draft):
            try await requireUnlinked(identity, purpose: request.purpose, client: client, now: now)
            try await application.submit(draft, credential: .provider(identity), client: client)
            return .applicationMailed(draft.email)
        case .invitation, .emailChange:
            try await requireUnlinked(identity, purpose: request.purpose, client: client, now: now)
            return .confirmRegistration(try await FederatedConfirmation.pend(request, identity: identity, store: store, client: client, now: now))
        }
    }

    /// The pending request of the callback's `state`, deleted as it is read. Unknown, used, expired,
    /// from another browser or for the other provider are one failure (mix-up defence: each provider
    /// has its own callback path and the provider is stored with the state).
    private func take(
        _ state: String?, provider: FederationProvider, session: ActiveSession?, client: ClientInfo, now: Date
    ) async throws -> FederationRequest {
        var request: FederationRequest?
        if let key = state.flatMap(SecretToken.init(parsing:))?.digest {
            request = try await store.transaction { tx in try await tx.federationRequests.take(key) }
        }
        guard let request, let session, request.provider == provider, request.identity == nil, !request.isExpired(at: now),
              ConstantTime.equals(request.session.hex, session.token.digest.hex)
        else {
            try await FederationAudit.failed(.unknownState, provider: provider, purpose: request?.purpose, client: client, now: now, in: store)
            throw FederationError(.failed(.unknownState), purpose: request?.purpose)
        }
        return request
    }

    /// A provider account already linked to someone cannot found a contract or register another person.
    private func requireUnlinked(_ identity: FederatedIdentity, purpose: FederationPurpose, client: ClientInfo, now: Date) async throws {
        let taken = try await store.transaction { tx -> Bool in
            guard let owner = try await tx.federatedIdentities.person(linkedTo: identity.provider, subject: identity.subject) else {
                return false
            }
            try await FederationAudit.refused(
                .accountTaken(identity.provider), identity: identity, person: try await tx.people.find(owner), purpose: purpose,
                client: client, now: now, in: tx)
            return true
        }
        if taken { throw FederationError(.accountTaken(identity.provider), purpose: purpose) }
    }
}
