public import Hummingbird
public import SekishoCore

/// Which signed-in pages a context is for: the session scope it accepts, and what a request without
/// such a session gets instead.
public protocol SignedInArea: Sendable {
    static var scope: SessionScope { get }
    static func required() -> any Error
}

/// The portal's pages: a request without a signed-in portal session throws ``SignInRequired``, which
/// answers with the sign-in page.
public enum PortalArea: SignedInArea {
    public static let scope = SessionScope.portal
    public static func required() -> any Error { SignInRequired() }
}

/// The contract menu's pages (SPEC J1): only a session opened by 「契約情報変更ログイン」 gets here; any
/// other request throws ``ContractMenuSignInRequired``.
public enum ContractMenuArea: SignedInArea {
    public static let scope = SessionScope.contractMenu
    public static func required() -> any Error { ContractMenuSignInRequired() }
}

/// The context of signed-in pages of one area: the person and contract are not optional here.
public struct SignedInAreaContext<Area: SignedInArea>: ChildRequestContext, PageContext {
    public var coreContext: CoreRequestContextStorage
    public let clientAddress: String
    public let arrival: Arrival
    public let language: Language
    public let form: FormBody
    public let activeSession: ActiveSession
    public let account: Account

    public var session: ActiveSession? { activeSession }

    public init(context: AppRequestContext) throws {
        if context.session?.record.stage.isPartial == true { throw TwoStepRequired() }
        guard let session = context.session, session.isSignedIn, session.record.scope == Area.scope, let account = session.account
        else { throw Area.required() }
        self.coreContext = context.coreContext
        self.clientAddress = context.clientAddress
        self.arrival = context.arrival
        self.language = context.language
        self.form = context.form
        self.activeSession = session
        self.account = account
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}

public typealias SignedInContext = SignedInAreaContext<PortalArea>
public typealias ContractMenuContext = SignedInAreaContext<ContractMenuArea>

/// A signed-in page was asked for without a signed-in session.
public struct SignInRequired: Error, Sendable {}

/// A contract-menu page was asked for without the contract menu's own sign-in: it answers with
/// 「契約情報変更ログイン」.
public struct ContractMenuSignInRequired: Error, Sendable {}

/// A signed-in page was asked for by a session still in two-step verification (SPEC B3): it goes
/// back to the two-step page.
public struct TwoStepRequired: Error, Sendable {}
