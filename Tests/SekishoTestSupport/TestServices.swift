import Foundation
public import SekishoCore

/// The use cases of one test, wired to a store and a fixed clock, with a cheap scrypt so tests stay
/// fast (the parameters are still real scrypt).
public struct TestServices: Sendable {
    public let store: any Store
    public let clock: FixedClock
    public let hasher: PasswordHasher
    public let policy: PasswordPolicy
    public let settings: ServiceSettings
    public let sessionPolicy: SessionPolicy
    public let twoStepPolicy: TwoStepPolicy
    public let lockout: LockoutPolicy
    /// The server key of the tests: fixed, so a failure can be replayed.
    public let box = SecretBox(keyBytes: Array(repeating: 7, count: SecretBox.keyByteCount))!

    /// These services and, for each further store of `stores` (instances sharing one database), the
    /// same services on it with this clock.
    public func onEach(_ stores: [any Store]) -> [TestServices] {
        [self] + stores.dropFirst().map { TestServices(store: $0, clock: clock) }
    }

    /// One pool for the whole test process, at normal priority: at nice 10 the suite's own parallel
    /// tests starved it until live-server tests timed out waiting for a sign-in.
    public static let pool = HashingPool(threads: 2, queueLimit: 1_000, niceness: 0)
    public static let cheapScrypt = ScryptParameters(logN: 10, blockSize: 8, parallelism: 1)!

    public init(
        store: any Store, clock: FixedClock = FixedClock(), scrypt: ScryptParameters = TestServices.cheapScrypt,
        lockout: LockoutPolicy = LockoutPolicy()
    ) {
        self.store = store
        self.clock = clock
        self.hasher = PasswordHasher(parameters: scrypt, pool: Self.pool)
        self.policy = PasswordPolicy(bannedWords: ["コーデックストレージ", "codex"], commonPasswords: .shipped)
        self.settings = ServiceSettings(
            publicURL: URL(string: "http://127.0.0.1:8080")!, mailDomain: "sekisho.test", lineEntranceURL: URL(string: "https://line.example.jp"))
        self.sessionPolicy = SessionPolicy()
        self.twoStepPolicy = TwoStepPolicy()
        self.lockout = lockout
    }

    public var apply: ApplyForContract {
        ApplyForContract(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings)
    }
    public var confirm: ConfirmApplication { ConfirmApplication(store: store, clock: clock, settings: settings) }
    public var createContract: CreateContract {
        CreateContract(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings)
    }
    public var signIn: SignIn {
        SignIn(store: store, clock: clock, hasher: hasher, settings: settings, twoStep: twoStepPolicy, lockout: lockout)
    }
    public var unlock: UnlockAccount { UnlockAccount(store: store, clock: clock) }
    public var requestReset: RequestPasswordReset {
        RequestPasswordReset(store: store, clock: clock, lockout: lockout)
    }
    public var adminConsole: AdminConsole { AdminConsole(store: store) }
    public var managePeople: ManagePeople { ManagePeople(store: store, clock: clock, settings: settings) }
    public var invitations: Invitations { Invitations(store: store, clock: clock, settings: settings) }
    public var invitedRegistration: InvitedRegistration {
        InvitedRegistration(store: store, clock: clock, hasher: hasher, policy: policy)
    }
    public var emailChange: EmailChange { EmailChange(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings) }
    public var changePassword: ChangePassword {
        ChangePassword(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings, lockout: lockout)
    }
    public var recentSignIn: RecentSignIn {
        RecentSignIn(store: store, clock: clock, hasher: hasher, settings: settings, twoStep: twoStep, lockout: lockout)
    }
    public var changeLoginEmail: ChangeLoginEmail {
        ChangeLoginEmail(store: store, clock: clock, settings: settings)
    }
    public var cancelContract: CancelContract {
        CancelContract(store: store, clock: clock, hasher: hasher, settings: settings, lockout: lockout)
    }
    public var purgeCancelled: PurgeCancelledContracts { PurgeCancelledContracts(store: store, clock: clock, settings: settings) }
    public var deliverResets: DeliverPasswordResets { DeliverPasswordResets(store: store, settings: settings) }
    public var resetPassword: ResetPassword {
        ResetPassword(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings)
    }
    public var twoStep: TwoStepVerification {
        TwoStepVerification(store: store, clock: clock, box: box, policy: twoStepPolicy, settings: settings)
    }
    public var rememberedBrowsers: RememberedBrowsers { RememberedBrowsers(store: store, clock: clock, policy: twoStepPolicy) }
    public var signOut: SignOut { SignOut(store: store, clock: clock) }
    public var sessions: SessionService { SessionService(store: store, clock: clock, policy: sessionPolicy) }
    public var sweep: SweepExpiredRecords {
        SweepExpiredRecords(store: store, clock: clock, sessions: sessionPolicy, settings: settings, twoStep: twoStepPolicy,
                            lockout: lockout)
    }

    /// The Google/Facebook use cases with these provider clients.
    public func federation(_ clients: [any IdentityProvider]) -> FederationUseCases {
        FederationUseCases(providers: clients, store: store, clock: clock, application: apply, settings: settings)
    }

    public static let client = ClientInfo(address: "192.0.2.1", userAgent: "test")

    /// A complete, valid application form for `email`.
    public static func applicationForm(email: String, plan: String = "basic", password: String = "correct horse battery") -> ApplicationForm {
        ApplicationForm(
            companyName: "株式会社テスト", applicantName: "山田 太郎", email: email, plan: plan,
            password: password, passwordConfirmation: password)
    }
}
