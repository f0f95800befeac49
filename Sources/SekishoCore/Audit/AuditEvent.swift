public import Foundation

/// Everything that changes or tests security state is written to the append-only audit log in the
/// same transaction as the change (SPEC M2).
public enum AuditEventKind: String, Sendable, CaseIterable {
    case signInSucceeded = "sign_in.succeeded"
    case signInFailed = "sign_in.failed"
    case signedOut = "sign_out"
    case applicationSubmitted = "application.submitted"
    case applicationForRegisteredEmail = "application.registered_email"
    case applicationConfirmed = "application.confirmed"
    case contractCreatedByOperator = "contract.created_by_operator"
    /// The first factor was right (a password, or a provider over a line); two-step verification or
    /// the line notice comes next.
    case signInPasswordAccepted = "sign_in.password_accepted"
    case twoStepMethodChosen = "two_step.method_chosen"
    case twoStepEnrolled = "two_step.enrolled"
    case twoStepCodeFailed = "two_step.code_failed"
    case twoStepThrottled = "two_step.throttled"
    case twoStepSMSSent = "two_step.sms_sent"
    case recoveryCodeIssued = "two_step.recovery_code_issued"
    case recoveryCodeUsed = "two_step.recovery_code_used"
    case browserRemembered = "two_step.browser_remembered"
    case browserForgotten = "two_step.browser_forgotten"
    case securityKeyAdded = "security_key.added"
    case securityKeyRemoved = "security_key.removed"
    /// A key's answer that did not check out, at registration or sign-in (`detail` says why).
    case securityKeyFailed = "security_key.failed"
    /// A password was not checked because the email is locked.
    case signInRefusedLocked = "sign_in.refused_locked"
    /// A right password for a contract whose free trial has ended (SPEC A3).
    case signInRefusedTrialEnded = "sign_in.refused_trial_ended"
    /// A right password for a cancelled contract (SPEC J4).
    case signInRefusedCancelled = "sign_in.refused_cancelled"
    case accountLocked = "account.locked"
    /// By the unlock link (`detail` by=link) or a password reset (by=reset).
    case accountUnlocked = "account.unlocked"
    case passwordResetRequested = "password_reset.requested"
    case passwordResetCompleted = "password_reset.completed"
    /// 「パスワード変更」 in the contract menu (SPEC G1); a wrong current password is `failed`.
    case passwordChanged = "password.changed"
    case passwordChangeFailed = "password.change_failed"
    /// 「契約情報変更」 saved; `detail` names the fields that changed.
    case contractDetailsChanged = "contract.details_changed"
    case planUpgraded = "contract.plan_upgraded"
    /// 「通信経路設定」 (SPEC D5); `detail` has the route before and after.
    case accessRouteChanged = "contract.access_route_changed"
    case twoStepOnResetChanged = "contract.two_step_on_reset_changed"
    /// 「解約」 (SPEC J4); a wrong password there is `cancel_failed`. `purged` when the data is erased.
    case contractCancelled = "contract.cancelled"
    case contractCancelFailed = "contract.cancel_failed"
    case contractPurged = "contract.purged"
    /// The password asked again before a sensitive change (an email change needs a recent sign-in).
    case reauthenticated = "session.reauthenticated"
    case reauthenticationFailed = "session.reauthentication_failed"
    /// A request refused or left without mail by a throttle; `detail` names which.
    case requestThrottled = "request.throttled"
    case personInvited = "person.invited"
    case invitationResent = "person.invitation_resent"
    case invitationWithdrawn = "person.invitation_withdrawn"
    /// The invited person chose a password and confirmed (SPEC E2).
    case personRegistered = "person.registered"
    case roleChanged = "person.role_changed"
    case personRemoved = "person.removed"
    case twoStepReset = "two_step.reset"
    case sessionsEnded = "sessions.ended"
    /// By an admin (`detail` admin=<id>) or by the contractor in the contract menu (by=self).
    case emailChangeRequested = "email_change.requested"
    case emailChanged = "email_change.completed"
    /// A Google/Facebook round trip that failed (`detail` provider, purpose and reason).
    case federationFailed = "federation.failed"
    /// A provider account that vouched but may not go on: not registered, another login method,
    /// or linked to someone else.
    case federationRefused = "federation.refused"
    /// 回線認証 (SPEC D5, D6): line numbers registered or removed in the admin console (`detail` the number).
    case lineAdded = "line.added"
    case lineRemoved = "line.removed"
    /// The West-area notice page was answered (SPEC D4); `detail` line and choice.
    case lineNoticeAnswered = "line.notice_answered"
    /// A request refused by line authentication; `detail` reason, pathway and the reported line.
    case lineRefused = "line.refused"
}

/// Where a request came from, as far as Sekisho can tell.
public struct ClientInfo: Sendable, Equatable {
    public static let maxUserAgentLength = 512

    public let address: String
    public let userAgent: String
    /// The entrance and the subscriber line of the request (SPEC D1): line authentication decides
    /// with it on every pathway, and every use case already receives the client.
    public let arrival: Arrival

    public init(address: String, userAgent: String, arrival: Arrival = .internet) {
        self.address = String(address.prefix(64))
        self.userAgent = String(userAgent.prefix(Self.maxUserAgentLength))
        self.arrival = arrival
    }

    /// Changes made from the command line.
    public static let commandLine = ClientInfo(address: "cli", userAgent: "sekisho")
    /// Changes made by Sekisho's own background services.
    public static let backgroundJob = ClientInfo(address: "job", userAgent: "sekisho")
}

public struct AuditEvent: Sendable, Equatable {
    public let kind: AuditEventKind
    public let occurredAt: Date
    public let personID: PersonID?
    public let contractID: ContractID?
    /// The email a failed attempt named, when no person could be tied to it.
    public let email: String?
    public let client: ClientInfo
    public let detail: String?

    public init(
        kind: AuditEventKind, occurredAt: Date, personID: PersonID? = nil, contractID: ContractID? = nil,
        email: String? = nil, client: ClientInfo, detail: String? = nil
    ) {
        self.kind = kind
        self.occurredAt = occurredAt
        self.personID = personID
        self.contractID = contractID
        self.email = email.map { String($0.prefix(EmailAddress.maxLength)) }
        self.client = client
        self.detail = detail
    }
}

/// An audit event as read back, with its position in the log.
public struct AuditRecord: Sendable, Equatable {
    public let id: Int64
    public let event: AuditEvent

    public init(id: Int64, event: AuditEvent) {
        self.id = id
        self.event = event
    }
}
