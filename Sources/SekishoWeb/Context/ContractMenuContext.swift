public import Hummingbird
public import SekishoCore

/// The context of the contract menu's pages (SPEC J1): only a session opened by
/// 「契約情報変更ログイン」 gets here; any other request throws ``ContractMenuSignInRequired``.
public struct ContractMenuContext: ChildRequestContext, PageContext {
    public var coreContext: CoreRequestContextStorage
    public let clientAddress: String
    public let language: Language
    public let form: FormBody
    public let activeSession: ActiveSession
    public let account: Account

    public var session: ActiveSession? { activeSession }

    public init(context: AppRequestContext) throws {
        (activeSession, account) = try context.signedIn(to: .contractMenu, otherwise: ContractMenuSignInRequired())
        self.coreContext = context.coreContext
        self.clientAddress = context.clientAddress
        self.language = context.language
        self.form = context.form
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}

/// A contract-menu page was asked for without the contract menu's own sign-in: it answers with
/// 「契約情報変更ログイン」.
public struct ContractMenuSignInRequired: Error, Sendable {}
