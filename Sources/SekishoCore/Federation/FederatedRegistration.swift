import Foundation

/// The 「確認」 page after a provider vouched on an invitation or email-change link (SPEC E2, F4):
/// what will be registered. Its ``handle`` names the pending request that now holds the identity;
/// only this browser's session can use it, once, within ``FederationRequest/lifetime``.
public struct FederatedConfirmation: Sendable, Equatable {
    public let handle: String
    public let identity: FederatedIdentity
    /// The email that will be the person's ID.
    public let email: EmailAddress
    public let personName: String
    public let contractName: String
    /// `true` for an email-change link, `false` for an invitation.
    public let changesEmail: Bool

    /// Checks the link again and keeps the identity under a new handle for 「確認」.
    static func pend(
        _ request: FederationRequest, identity: FederatedIdentity, store: any Store, client: ClientInfo, now: Date
    ) async throws -> Self {
        let handle = SecretToken.generate()
        return try await store.transaction { tx in
            guard let (person, email) = try await Self.subject(of: request.purpose, client: client, now: now, in: tx) else {
                throw TicketRejected()
            }
            guard let contract = try await tx.contracts.find(person.contractID) else { throw TicketRejected() }
            try await tx.federationRequests.insert(FederationRequest(
                key: handle.digest, session: request.session, provider: request.provider, purpose: request.purpose,
                nonce: "", identity: identity, createdAt: now))
            return Self(
                handle: handle.text, identity: identity, email: email, personName: person.name, contractName: contract.name,
                changesEmail: request.purpose.isEmailChange)
        }
    }

    /// The person and the email the purpose's mail link is about; `nil` for a purpose without a
    /// link. Throws ``TicketRejected`` when the link cannot be used (any more), ``LineAccessRefused``
    /// when line authentication refuses `client` for its person.
    static func subject(
        of purpose: FederationPurpose, client: ClientInfo, now: Date, in tx: any StoreTransaction
    ) async throws -> (Person, EmailAddress)? {
        switch purpose {
        case .invitation(let ticket):
            let person = try await tx.person(named: try await tx.usableTicket(ticket, purpose: .invitation, now: now), over: client)
            guard person.status == .invited else { throw TicketRejected() }
            return (person, person.email)
        case .emailChange(let ticket):
            let subject = try EmailChange.subject(of: try await tx.usableTicket(ticket, purpose: .emailChange, now: now))
            return (try await tx.person(named: subject.person, over: client), subject.email)
        case .signIn, .signInAgain, .application:
            return nil
        }
    }
}

/// Where 「確認」 after a provider leads.
public enum FederatedRegistrationOutcome: Sendable, Equatable {
    /// The invited person is registered: sign in with the provider.
    case registered
    case emailChanged(EmailChangeOutcome)
}

/// 「確認」 after 「Googleアカウントで登録」 (SPEC E2, F1, F4): in one transaction uses the mail link,
/// links the provider account and makes it the login method (the password, if any, goes).
public struct ConfirmFederatedRegistration: Sendable {
    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Throws ``FederationError`` (the handle is unknown, used, expired, another browser's or the
    /// other provider's; the provider account is linked to someone by now), ``TicketRejected``, or
    /// ``RegistrationError/emailTaken``.
    public func execute(
        _ provider: FederationProvider, handle: String?, session: ActiveSession?, client: ClientInfo
    ) async throws -> FederatedRegistrationOutcome {
        let now = clock.now()
        let settings = self.settings
        var request: FederationRequest?
        if let key = handle.flatMap(SecretToken.init(parsing:))?.digest {
            request = try await store.transaction { tx in try await tx.federationRequests.take(key) }
        }
        guard let request, let identity = request.identity, request.provider == provider, let session, !request.isExpired(at: now),
              ConstantTime.equals(request.session.hex, session.token.digest.hex)
        else { throw FederationError(.failed(.unknownState), purpose: request?.purpose) }
        let credential = LoginCredential.provider(identity)
        do {
            return try await store.transaction { tx in
                switch request.purpose {
                case .invitation(let ticket):
                    try await InvitedRegistration.register(ticket, credential: credential, client: client, now: now, in: tx)
                    return .registered
                case .emailChange(let ticket):
                    guard let (person, _) = try await FederatedConfirmation.subject(of: request.purpose, client: client, now: now, in: tx) else {
                        throw TicketRejected()
                    }
                    let kept = EmailChange.kept(session, for: person)
                    try await EmailChange.apply(ticket, credential: credential, keeping: kept, client: client, now: now, settings: settings, in: tx)
                    return .emailChanged(kept == nil ? .signInAgain : .contractMenu)
                case .signIn, .signInAgain, .application:
                    throw TicketRejected()
                }
            }
        } catch let refused as FederationRefused {
            try await store.transaction { tx in
                try await FederationAudit.refused(refused, identity: identity, person: nil, purpose: request.purpose, client: client, now: now, in: tx)
            }
            throw FederationError(refused, purpose: request.purpose)
        } catch StoreError.conflict {
            throw RegistrationError.emailTaken
        }
    }
}
