public import Foundation

/// What a provider round trip is for. It is chosen when the button is pressed and stored with the
/// `state`, so the callback cannot be pointed at another purpose.
public enum FederationPurpose: Sendable, Equatable {
    /// 「Googleアカウントでログイン」 on the portal's or the contract menu's sign-in page (SPEC B4).
    case signIn(SessionScope)
    /// The provider's button on the portal's step-up page (``RecentSignIn``): a portal sign-in the
    /// provider must have made within the window (`max_age`), which gives a new, recent session.
    case signInAgain
    /// 新規契約お申込み with a provider (SPEC A2): the form's fields wait here for the round trip.
    case application(ApplicationDraft)
    /// 「Googleアカウントで登録」 on the invitation link's page (SPEC E2): the link's ticket digest.
    case invitation(TokenDigest)
    /// The same button on the email-change link's page (SPEC F4, F5): the link's ticket digest.
    case emailChange(TokenDigest)

    /// The two columns the purpose is stored in: a kind and its target.
    public var stored: (kind: String, target: String) {
        switch self {
        case .signIn(let scope): ("sign_in", scope.rawValue)
        case .signInAgain: ("sign_in_again", SessionScope.portal.rawValue)
        case .application(let draft): ("application", draft.encoded)
        case .invitation(let ticket): ("invitation", ticket.hex)
        case .emailChange(let ticket): ("email_change", ticket.hex)
        }
    }

    var isEmailChange: Bool {
        if case .emailChange = self { true } else { false }
    }

    public init?(kind: String, target: String) {
        switch kind {
        case "sign_in": guard let scope = SessionScope(rawValue: target) else { return nil }; self = .signIn(scope)
        case "sign_in_again": self = .signInAgain
        case "application": guard let draft = ApplicationDraft(encoded: target) else { return nil }; self = .application(draft)
        case "invitation": self = .invitation(TokenDigest(hex: target))
        case "email_change": self = .emailChange(TokenDigest(hex: target))
        default: return nil
        }
    }
}

/// One pending provider round trip, bound to the browser's session. It is taken (deleted) by the
/// callback, so a `state` works once; after the callback of a registration it is stored again
/// under a new handle with the provider's ``identity``, until the person presses 「確認」.
public struct FederationRequest: Sendable, Equatable {
    /// How long a round trip (or the confirmation page after it) may take.
    public static let lifetime: TimeInterval = 600

    /// Digest of the `state` (or of the confirmation handle): the key.
    public let key: TokenDigest
    /// Digest of the session of the browser that started it.
    public let session: TokenDigest
    public let provider: FederationProvider
    public let purpose: FederationPurpose
    /// Sent in the authorization request and expected back in the ID token.
    public let nonce: String
    /// Set once the provider has vouched, for the confirmation step.
    public let identity: FederatedIdentity?
    public let createdAt: Date

    public init(
        key: TokenDigest, session: TokenDigest, provider: FederationProvider, purpose: FederationPurpose,
        nonce: String, identity: FederatedIdentity? = nil, createdAt: Date
    ) {
        self.key = key
        self.session = session
        self.provider = provider
        self.purpose = purpose
        self.nonce = nonce
        self.identity = identity
        self.createdAt = createdAt
    }

    func isExpired(at now: Date) -> Bool {
        now.timeIntervalSince(createdAt) > Self.lifetime
    }
}

/// The application form's fields without a password, carried through the provider round trip.
public struct ApplicationDraft: Sendable, Equatable, Codable {
    public let companyName: String
    public let applicantName: String
    public let email: EmailAddress
    public let plan: Plan

    public init(companyName: String, applicantName: String, email: EmailAddress, plan: Plan) {
        self.companyName = companyName
        self.applicantName = applicantName
        self.email = email
        self.plan = plan
    }

    private enum CodingKeys: String, CodingKey { case company, name, email, plan }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        companyName = try values.decode(String.self, forKey: .company)
        applicantName = try values.decode(String.self, forKey: .name)
        guard let email = EmailAddress(parsing: try values.decode(String.self, forKey: .email)),
              let plan = Plan(rawValue: try values.decode(String.self, forKey: .plan))
        else { throw DecodingError.dataCorruptedError(forKey: .email, in: values, debugDescription: "email or plan") }
        self.email = email
        self.plan = plan
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(companyName, forKey: .company)
        try values.encode(applicantName, forKey: .name)
        try values.encode(email.value, forKey: .email)
        try values.encode(plan.rawValue, forKey: .plan)
    }

    var encoded: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    init?(encoded: String) {
        guard let draft = try? JSONDecoder().decode(Self.self, from: Data(encoded.utf8)) else { return nil }
        self = draft
    }
}
