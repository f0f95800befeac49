public import Foundation

/// How far a browser's session has come. Pages check the stage, never just "is there a person".
public enum SessionStage: String, Sendable {
    /// Before sign-in: the session carries the CSRF secret of the sign-in and application forms.
    case anonymous
    /// Password accepted, second factor not yet (SPEC B3): only the two-step pages and sign-out.
    case twoStep = "two_step"
    /// Second factor accepted; the new recovery code waits for 「リカバリコードを保存しました」 (SPEC C4).
    case recoveryCode = "recovery_code"
    /// Signed in over a West-area line whose line-information notice page is not answered yet
    /// (SPEC D4): only that page and sign-out.
    case lineNotice = "line_notice"
    /// Signed in: every signed-in page is open.
    case signedIn = "signed_in"

    /// Part way through sign-in: a person is known but may not see signed-in pages yet.
    public var isPartial: Bool { self != .anonymous && self != .signedIn }

    /// At one of the two-step verification pages.
    public var isInTwoStep: Bool { self == .twoStep || self == .recoveryCode }
}

/// Where a signed-in session may go (SPEC J1): the portal, or only the contract menu, which has its
/// own sign-in (「契約情報変更ログイン」) and a shorter idle time. Neither reaches the other's pages.
public enum SessionScope: String, Sendable {
    case portal
    case contractMenu = "contract_menu"
}

/// One row of the sessions table. The browser holds the ``SecretToken``; the row holds its digest.
public struct SessionRecord: Sendable, Equatable {
    public let digest: TokenDigest
    public var personID: PersonID?
    public var stage: SessionStage
    public let scope: SessionScope
    public let createdAt: Date
    public var lastSeenAt: Date
    /// The recovery code to show at ``SessionStage/recoveryCode``, sealed under the server key: it is
    /// shown until saved, and only the digest outlives this session.
    public var pendingSecret: String?
    /// 「このブラウザを一定期間、記憶する」 was ticked with the accepted code: remember the browser once
    /// sign-in completes.
    public var rememberBrowser: Bool
    /// The registered line that replaced two-step verification (SPEC D2): the session then works
    /// over a registered line of its contract only.
    public let line: LineNumber?
    /// The browser signed in with (``BrowserLabel``), so that the person can tell their sessions apart.
    public let browser: String?

    public init(
        digest: TokenDigest, personID: PersonID?, stage: SessionStage, scope: SessionScope = .portal, createdAt: Date,
        lastSeenAt: Date, pendingSecret: String? = nil, rememberBrowser: Bool = false, line: LineNumber? = nil, browser: String? = nil
    ) {
        self.digest = digest
        self.personID = personID
        self.stage = stage
        self.scope = scope
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.pendingSecret = pendingSecret
        self.rememberBrowser = rememberBrowser
        self.line = line
        self.browser = browser
    }

    /// What the person's session list names a session by, to end it: the start of the digest. It
    /// tells nothing about the token, and the list shows only the person's own sessions.
    public var handle: String { String(digest.hex.prefix(16)) }
}

/// Session lifetimes (ASVS 7.3, NIST AAL2): idle 1 h (the contract menu's 15 min), absolute 24 h by
/// default, all enforced on the server whatever the cookie says.
public struct SessionPolicy: Sendable, Equatable {
    public var idleTimeout: TimeInterval
    public var contractMenuIdleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval
    /// `last_seen_at` is written at most this often, so reading a page is not a database write.
    public var touchInterval: TimeInterval

    public init(
        idleTimeout: TimeInterval = 3600, contractMenuIdleTimeout: TimeInterval = 900, absoluteTimeout: TimeInterval = 86_400,
        touchInterval: TimeInterval = 60
    ) {
        self.idleTimeout = idleTimeout
        self.contractMenuIdleTimeout = contractMenuIdleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = min(touchInterval, min(idleTimeout, contractMenuIdleTimeout) / 2)
    }

    public func idleTimeout(of scope: SessionScope) -> TimeInterval {
        scope == .contractMenu ? contractMenuIdleTimeout : idleTimeout
    }

    public func isExpired(_ session: SessionRecord, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= idleTimeout(of: session.scope)
            || now.timeIntervalSince(session.createdAt) >= absoluteTimeout
    }

    public func needsTouch(_ session: SessionRecord, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= touchInterval
    }

    /// Rows idle for longer than this are gone for good and can be swept.
    public func sweepCutoff(now: Date) -> Date {
        now.addingTimeInterval(-max(idleTimeout, contractMenuIdleTimeout))
    }
}
