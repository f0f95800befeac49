import Foundation

/// 「セキュリティキー」: a signed-in person with two-step verification registers security keys and
/// passkeys, lists them and removes them. Adding and removing a key changes how the account is
/// entered, so both need a recent sign-in (``RecentSignIn``, ASVS 7.5.1) and send a notice (6.3.7).
public struct SecurityKeys: Sendable {
    public enum Field {
        public static let name = "name"
        /// The browser's answer; the page's script fills it, so a problem here means the key failed.
        public static let response = "response"
    }

    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings
    public let relyingParty: RelyingParty

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.relyingParty = RelyingParty(settings: settings)
    }

    /// The person's keys, oldest first.
    public func list(for person: PersonID) async throws -> [SecurityKey] {
        try await store.read { tx in try await tx.securityKeys.list(for: person) }
    }

    /// Whether the person can have keys: only as another way through a confirmed two-step
    /// registration, so Google and Facebook people (who have none) cannot.
    public func isAvailable(to person: PersonID) async throws -> Bool {
        try await store.read { tx in try await tx.twoStep.find(person)?.isConfirmed == true }
    }

    /// The options for `navigator.credentials.create`, with a new challenge bound to the session.
    public func startRegistration(_ session: ActiveSession) async throws -> SecurityKeyCreation {
        let (person, now) = try await available(session)
        let challenge = SecurityKeyChallenge.generate(for: session.record.digest, purpose: .register, now: now)
        let keys = try await store.transaction { tx in
            try await tx.securityKeyChallenges.put(challenge)
            return try await tx.securityKeys.list(for: person.id)
        }
        return SecurityKeyCreation(
            challenge: challenge.challenge, relyingPartyID: relyingParty.id, relyingPartyName: settings.serviceName,
            userHandle: Base64URL.encode(Data(person.id.rawValue.utf8)), userName: person.email.value, displayName: person.name,
            excludedCredentials: keys.map(\.credentialID))
    }

    /// 「登録する」: checks the browser's answer against the session's challenge and stores the key
    /// under the name given. Throws ``FormErrors`` for a missing name, a failed or repeated key, or
    /// one key too many.
    @discardableResult
    public func register(
        _ session: ActiveSession, name raw: String?, response: SecurityKeyRegistration?, client: ClientInfo
    ) async throws -> SecurityKey {
        let (person, now) = try await available(session)
        var errors = FormErrors()
        let name = TextInput.required(raw, field: Field.name, maxLength: SecurityKey.maxNameLength, errors: &errors)
        if response == nil { errors.add(.securityKeyFailed, for: Field.response) }
        guard let name, let response, errors.isEmpty else { throw errors }
        let challenge = try await store.transaction { tx in
            try await tx.securityKeyChallenges.take(session: session.record.digest, purpose: .register, now: now)
        }
        let verified: NewSecurityKey
        do {
            guard let challenge else { throw SecurityKeyRejected.wrongCeremony }
            verified = try relyingParty.verifyRegistration(response, challenge: challenge.challenge)
        } catch let rejected as SecurityKeyRejected {
            try await store.transaction { tx in
                try await tx.audit.append(AuditEvent(
                    kind: .securityKeyFailed, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                    detail: "reason=\(rejected.rawValue),ceremony=register"))
            }
            throw FormErrors([Field.response: .securityKeyFailed])
        }
        let key = SecurityKey(
            id: .random(), personID: person.id, credentialID: verified.credentialID, publicKey: verified.publicKey,
            signCount: verified.signCount, name: name, createdAt: now)
        try await store.transaction { [settings] tx in
            // Two-step may have been reset since the page: the key would have nothing to belong to.
            guard try await tx.twoStep.find(person.id)?.isConfirmed == true else { throw SecurityKeysUnavailable() }
            guard try await tx.securityKeys.list(for: person.id).count < SecurityKey.maxPerPerson else {
                throw FormErrors([Field.response: .securityKeyLimit])
            }
            guard try await tx.securityKeys.insert(key) else { throw FormErrors([Field.response: .securityKeyRegistered]) }
            try await tx.audit.append(AuditEvent(
                kind: .securityKeyAdded, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "key=\(key.id)"))
            let notice = SecurityKeyMails(settings: settings).added(person, name: name, at: now, client: client)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
        }
        return key
    }

    /// 「削除」 on one key; `false` when it is not the person's or already gone.
    @discardableResult
    public func remove(_ id: SecurityKey.ID, from session: ActiveSession, client: ClientInfo) async throws -> Bool {
        guard let account = session.account, session.isSignedIn else { throw SecurityKeysUnavailable() }
        let person = account.person
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        return try await store.transaction { [settings] tx in
            guard let key = try await tx.securityKeys.list(for: person.id).first(where: { $0.id == id }),
                  try await tx.securityKeys.delete(id, of: person.id)
            else { return false }
            try await tx.audit.append(AuditEvent(
                kind: .securityKeyRemoved, occurredAt: now, personID: person.id, contractID: person.contractID, client: client,
                detail: "key=\(id)"))
            let notice = SecurityKeyMails(settings: settings).removed(person, name: key.name, at: now, client: client)
            try await tx.outbox.enqueue(notice, messageID: settings.newMessageID(), at: now)
            return true
        }
    }

    /// The signed-in person of `session`, when keys are open to them and they signed in recently.
    private func available(_ session: ActiveSession) async throws -> (Person, Date) {
        guard let account = session.account, session.isSignedIn else { throw SecurityKeysUnavailable() }
        let now = clock.now()
        try RecentSignIn.require(account, at: now)
        guard try await isAvailable(to: account.person.id) else { throw SecurityKeysUnavailable() }
        return (account.person, now)
    }
}

/// What the page hands to `navigator.credentials.create` (the script turns the base64url fields into
/// bytes). Resident keys and user verification are not asked for: the key is a second factor.
public struct SecurityKeyCreation: Sendable, Equatable {
    public let challenge: String
    public let relyingPartyID: String
    public let relyingPartyName: String
    /// The person's id, base64url: WebAuthn's user handle, never the email.
    public let userHandle: String
    public let userName: String
    public let displayName: String
    /// The person's keys: an authenticator that holds one of them refuses to register again.
    public let excludedCredentials: [String]
}

/// Security keys asked for by someone who cannot have them: not signed in, or without a confirmed
/// two-step registration.
public struct SecurityKeysUnavailable: Error, Sendable, Equatable {
    public init() {}
}
