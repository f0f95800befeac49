public import Foundation

/// 「Googleアカウントでログイン」 and the other provider buttons (SPEC B4, A2, E2, F4): starts one
/// authorization code round trip bound to the browser's session. The `state` is a fresh 256-bit
/// token stored only as a digest with the purpose, the provider and the `nonce`; the PKCE verifier
/// is derived from the session's token and the state, so it is never stored and only this browser's
/// callback can present it.
public struct StartFederation: Sendable {
    /// Round trips one client address may start per ``startWindow``: far more than a person
    /// needs, few enough that nobody fills the table of pending requests.
    public static let startsPerAddress = 60
    public static let startWindow: TimeInterval = 600

    let store: any Store
    let clock: any WallClock
    let providers: IdentityProviders

    public init(store: any Store, clock: any WallClock, providers: IdentityProviders) {
        self.store = store
        self.clock = clock
        self.providers = providers
    }

    /// The provider's authorization URL to redirect to. Throws ``FederationError`` (not configured,
    /// unreachable discovery), ``TicketRejected`` when the mail link of the purpose is unusable, or
    /// ``ClientThrottled``.
    public func execute(
        _ provider: FederationProvider, purpose: FederationPurpose, session: ActiveSession, client: ClientInfo
    ) async throws -> String {
        let now = clock.now()
        try await requireUsableLink(purpose, client: client, now: now)
        try await countStart(client: client, now: now)
        let state = SecretToken.generate()
        let transaction = Self.transaction(
            state: state.text, nonce: SecretToken.generate().text, session: session.token, purpose: purpose, arrival: client.arrival)
        let url: String
        do {
            url = try await providers.client(provider).authorizationURL(for: transaction)
        } catch let failure as FederationFailure {
            try await FederationAudit.failed(failure, provider: provider, purpose: purpose, client: client, now: now, in: store)
            throw FederationError(.failed(failure), purpose: purpose)
        }
        try await store.transaction { tx in
            try await tx.federationRequests.insert(FederationRequest(
                key: state.digest, session: session.token.digest, provider: provider, purpose: purpose,
                nonce: transaction.nonce, createdAt: now))
        }
        return url
    }

    /// The values of one round trip; the callback rebuilds the verifier from the same session. The
    /// contract menu's sign-in and the portal's step-up ask the provider for a sign-in within
    /// ``RecentSignIn/window``.
    static func transaction(
        state: String, nonce: String, session: SecretToken, purpose: FederationPurpose, arrival: Arrival
    ) -> AuthorizationTransaction {
        AuthorizationTransaction(
            state: state, nonce: nonce, codeVerifier: session.derived("sekisho-pkce \(state)"),
            maxAuthenticationAge: [.signIn(.contractMenu), .signInAgain].contains(purpose) ? RecentSignIn.window : nil, viaLineEntrance: arrival.isLineEntrance)
    }

    private func countStart(client: ClientInfo, now: Date) async throws {
        let throttledUntil = try await store.transaction { tx -> Date? in
            let window = try await tx.rateLimits.hit("federation-starts:\(client.address)", window: Self.startWindow, now: now)
            guard window.hits > Self.startsPerAddress else { return nil }
            try await tx.audit.append(AuditEvent(kind: .requestThrottled, occurredAt: now, client: client, detail: "federation"))
            return window.startedAt.addingTimeInterval(Self.startWindow)
        }
        if let throttledUntil { throw ClientThrottled(retryAt: throttledUntil) }
    }

    private func requireUsableLink(_ purpose: FederationPurpose, client: ClientInfo, now: Date) async throws {
        _ = try await store.read { tx in try await FederatedConfirmation.subject(of: purpose, client: client, now: now, in: tx) }
    }
}
