public import Hummingbird
public import SekishoCore

/// The context of signed-in pages: the person and contract are not optional here. Creating it from a
/// request without a signed-in session throws ``SignInRequired``, which answers with the sign-in page.
public struct SignedInContext: ChildRequestContext, PageContext {
    public var coreContext: CoreRequestContextStorage
    public let clientAddress: String
    public let language: Language
    public let form: FormBody
    public let activeSession: ActiveSession
    public let account: Account

    public var session: ActiveSession? { activeSession }

    public init(context: AppRequestContext) throws {
        (activeSession, account) = try context.signedIn(to: .portal, otherwise: SignInRequired())
        self.coreContext = context.coreContext
        self.clientAddress = context.clientAddress
        self.language = context.language
        self.form = context.form
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}

extension AppRequestContext {
    /// The signed-in session of `scope` and its account; `otherwise` when there is none (a session of
    /// the other scope is none too).
    func signedIn(to scope: SessionScope, otherwise: some Error) throws -> (ActiveSession, Account) {
        if session?.record.stage.isPartial == true { throw TwoStepRequired() }
        guard let session, session.isSignedIn, session.record.scope == scope, let account = session.account else { throw otherwise }
        return (session, account)
    }
}

/// A signed-in page was asked for without a signed-in session.
public struct SignInRequired: Error, Sendable {}

/// A signed-in page was asked for by a session still in two-step verification (SPEC B3): it goes
/// back to the two-step page.
public struct TwoStepRequired: Error, Sendable {}
