/// The rules of line authentication (SPEC D2–D5, D7), one function per pathway. They only decide;
/// the callers write the sessions, and the web layer audits a refusal where it becomes a page.
public enum LineAccess {
    /// Where a right password or a provider's answer may lead, given how the request arrived.
    /// Throws ``LineAccessRefused``.
    static func signIn(
        _ account: Account, scope: SessionScope, arrival: Arrival, pathway: LinePathway, in tx: any StoreTransaction
    ) async throws -> LineSignIn {
        switch arrival {
        case .lineEntrance(let line):
            guard let line else { throw LineAccessRefused(.noLine, pathway: pathway, account: account, line: nil) }
            let registered = try await tx.lines.find(line.number, in: account.contract.id)
            if let reason = refusal(line, registered: registered) {
                throw LineAccessRefused(reason, pathway: pathway, account: account, line: line.number)
            }
            return .line(line.number, needsNotice: line.isWestArea && registered?.notice == nil)
        case .internet:
            guard account.contract.accessRoute == .lineOnly, !isRouteEscape(account, scope: scope) else { return .internet }
            throw LineAccessRefused(.lineOnly, pathway: pathway, account: account, line: nil)
        }
    }

    /// Whether a session may serve this request, and how far (SPEC D5, D7). A session whose line
    /// replaced two-step verification, and every session of a line-only contract, needs a request
    /// over a registered line; the contractor's contract menu of a line-only contract stays open over
    /// the internet, for the route setting only. Throws ``LineAccessRefused``.
    static func session(
        _ record: SessionRecord, account: Account, arrival: Arrival, in tx: any StoreTransaction
    ) async throws -> Account {
        guard record.line != nil || account.contract.accessRoute == .lineOnly else { return account }
        var reason = LineRefusal.lineOnly
        if let line = arrival.line {
            let registered = try await tx.lines.find(line.number, in: account.contract.id)
            guard let problem = refusal(line, registered: registered) else { return account }
            reason = problem
        } else if arrival.isLineEntrance || record.line != nil {
            reason = .noLine
        }
        if record.line == nil, isRouteEscape(account, scope: record.scope) {
            return account.limitedToRouteSetting()
        }
        throw LineAccessRefused(reason, pathway: .session, account: account, line: arrival.line?.number)
    }

    /// A mail link of `person` (unlock, reset, invitation, email change) is refused under a line-only
    /// route unless it is opened over a registered line. Throws ``LineAccessRefused``.
    static func mailLink(of person: Person, client: ClientInfo, in tx: any StoreTransaction) async throws {
        guard let contract = try await tx.contracts.find(person.contractID), contract.accessRoute == .lineOnly else { return }
        let account = Account(person: person, contract: contract)
        guard let line = client.arrival.line else {
            throw LineAccessRefused(client.arrival.isLineEntrance ? .noLine : .lineOnly, pathway: .mailLink, account: account, line: nil)
        }
        if let reason = refusal(line, registered: try await tx.lines.find(line.number, in: contract.id)) {
            throw LineAccessRefused(reason, pathway: .mailLink, account: account, line: line.number)
        }
    }

    /// Why a reported line may not be used for this contract, or `nil` when it may.
    private static func refusal(_ line: SubscriberLine, registered: RegisteredLine?) -> LineRefusal? {
        guard let registered else { return .unregistered }
        return registered.notice == .decline ? .noticeDeclined : nil
    }

    /// D7: the contractor's own contract menu is how a line-only contract with wrong numbers gets back.
    private static func isRouteEscape(_ account: Account, scope: SessionScope) -> Bool {
        scope == .contractMenu && account.person.role == .contractor
    }
}

/// How a sign-in continues after line authentication.
enum LineSignIn: Equatable {
    /// The usual way: a password sign-in asks for two-step verification.
    case internet
    /// Over a registered line, which replaces two-step verification (SPEC D2); a West-area line
    /// without an answer to the notice page asks it first (SPEC D4).
    case line(LineNumber, needsNotice: Bool)
}

/// Why line authentication refused a request; the web layer shows `line_refused_<rawValue>`.
public enum LineRefusal: String, Sendable, CaseIterable {
    /// At the line-auth entrance without a line a gateway vouched for.
    case noLine = "no_line"
    /// The line is not registered for the person's contract (SPEC D3).
    case unregistered
    /// 「通知しない」 was chosen for this West-area line, so it is not used (SPEC D4).
    case noticeDeclined = "notice_declined"
    /// The contract allows registered lines only (「回線認証」, SPEC D5) and this came another way.
    case lineOnly = "line_only"
}

/// Which way in line authentication refused (for the audit log).
public enum LinePathway: String, Sendable {
    case signIn = "sign_in"
    case federation
    case session
    case mailLink = "mail_link"
}

/// A request line authentication refused. Only someone who got past a password, a provider or a
/// mail link's ticket sees it, so the page may say why.
public struct LineAccessRefused: Error, Sendable, Equatable {
    public let reason: LineRefusal
    public let pathway: LinePathway
    public let personID: PersonID
    public let contractID: ContractID
    public let line: LineNumber?

    init(_ reason: LineRefusal, pathway: LinePathway, account: Account, line: LineNumber?) {
        self.reason = reason
        self.pathway = pathway
        self.personID = account.person.id
        self.contractID = account.contract.id
        self.line = line
    }
}

extension LineSignIn {
    /// The line that replaced two-step verification, for the session.
    var number: LineNumber? {
        if case .line(let number, _) = self { number } else { nil }
    }

    /// The stage the new session starts at, when the sign-in's own second step (two-step
    /// verification, or a provider's) is `secondStepDone` already.
    func stage(secondStepDone: Bool) -> SessionStage {
        switch self {
        case .internet: secondStepDone ? .signedIn : .twoStep
        case .line(_, let needsNotice): needsNotice ? .lineNotice : .signedIn
        }
    }

    /// `two_step=line,line=<number>` for the audit detail of a sign-in over a line.
    var auditDetail: String? {
        number.map { "two_step=line,line=\($0)" }
    }
}
