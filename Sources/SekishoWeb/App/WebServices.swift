public import SekishoCore

/// Everything the controllers call, built once by the executable (the composition root).
public struct WebServices: Sendable {
    public let settings: WebSettings
    public let strings: Strings
    public let pages: PageRenderer
    public let store: any Store
    public let sessions: SessionService
    /// The password again before a sensitive change (step-up), in the portal and the contract menu.
    public let recentSignIn: RecentSignIn
    public let signIn: SignIn
    public let signOut: SignOut
    public let apply: ApplyForContract
    public let confirmApplication: ConfirmApplication
    public let twoStep: TwoStepVerification
    public let rememberedBrowsers: RememberedBrowsers
    public let unlock: UnlockAccount
    public let requestReset: RequestPasswordReset
    public let resetPassword: ResetPassword
    public let admin: AdminServices
    public let invitedRegistration: InvitedRegistration
    public let contractMenu: ContractMenuServices
    public let federation: FederationUseCases
    public let line: LineServices
    /// The outbox, read by the development mailbox; `nil` hides `/dev/mail`.
    public let mailbox: (any OutboxQueue)?

    public init(
        settings: WebSettings, strings: Strings, pages: PageRenderer, store: any Store, sessions: SessionService,
        recentSignIn: RecentSignIn,
        signIn: SignIn, signOut: SignOut, apply: ApplyForContract, confirmApplication: ConfirmApplication,
        twoStep: TwoStepVerification, rememberedBrowsers: RememberedBrowsers, unlock: UnlockAccount,
        requestReset: RequestPasswordReset, resetPassword: ResetPassword, admin: AdminServices,
        invitedRegistration: InvitedRegistration, contractMenu: ContractMenuServices, federation: FederationUseCases,
        line: LineServices, mailbox: (any OutboxQueue)?
    ) {
        self.settings = settings
        self.strings = strings
        self.pages = pages
        self.store = store
        self.sessions = sessions
        self.recentSignIn = recentSignIn
        self.signIn = signIn
        self.signOut = signOut
        self.apply = apply
        self.confirmApplication = confirmApplication
        self.twoStep = twoStep
        self.rememberedBrowsers = rememberedBrowsers
        self.unlock = unlock
        self.requestReset = requestReset
        self.resetPassword = resetPassword
        self.admin = admin
        self.invitedRegistration = invitedRegistration
        self.contractMenu = contractMenu
        self.federation = federation
        self.line = line
        self.mailbox = settings.mode == .development ? mailbox : nil
    }
}

/// The admin console's use cases (SPEC K1, E1, F5, I3).
public struct AdminServices: Sendable {
    public let console: AdminConsole
    public let people: ManagePeople
    public let invitations: Invitations
    public let emailChange: EmailChange

    public init(console: AdminConsole, people: ManagePeople, invitations: Invitations, emailChange: EmailChange) {
        self.console = console
        self.people = people
        self.invitations = invitations
        self.emailChange = emailChange
    }
}

/// The contract menu's use cases (SPEC F2, G1, J3, J4, A3, D7).
public struct ContractMenuServices: Sendable {
    public let changePassword: ChangePassword
    public let details: ChangeContractDetails
    public let planAndRoute: ChangePlanAndRoute
    public let changeLoginEmail: ChangeLoginEmail
    public let cancel: CancelContract

    public init(
        changePassword: ChangePassword, details: ChangeContractDetails, planAndRoute: ChangePlanAndRoute,
        changeLoginEmail: ChangeLoginEmail, cancel: CancelContract
    ) {
        self.changePassword = changePassword
        self.details = details
        self.planAndRoute = planAndRoute
        self.changeLoginEmail = changeLoginEmail
        self.cancel = cancel
    }
}

/// Line authentication's use cases (SPEC D4–D6).
public struct LineServices: Sendable {
    public let settings: LineSettings
    public let notice: AnswerLineNotice
    public let refusals: LineRefusalAudit

    public init(store: any Store, clock: any WallClock, serviceSettings: ServiceSettings) {
        settings = LineSettings(store: store, clock: clock)
        notice = AnswerLineNotice(store: store, clock: clock, settings: serviceSettings)
        refusals = LineRefusalAudit(store: store, clock: clock)
    }
}
