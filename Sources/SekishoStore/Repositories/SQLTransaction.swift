import SekishoCore
import SQLKit

/// The repositories of one transaction (or one read), all on the same connection.
struct SQLTransaction: StoreTransaction {
    let db: any SQLDatabase

    var contracts: any ContractRepository { SQLContracts(db: db) }
    var people: any PersonRepository { SQLPeople(db: db) }
    var directory: any DirectoryRepository { SQLDirectory(db: db) }
    var passwords: any PasswordRepository { SQLPasswords(db: db) }
    var sessions: any SessionRepository { SQLSessions(db: db) }
    var tickets: any TicketRepository { SQLTickets(db: db) }
    var applications: any ApplicationRepository { SQLApplications(db: db) }
    var outbox: any OutboxRepository { SQLOutbox(db: db) }
    var audit: any AuditRepository { SQLAudit(db: db) }
    var twoStep: any TwoStepRepository { SQLTwoStep(db: db) }
    var smsChallenges: any SMSChallengeRepository { SQLSMSChallenges(db: db) }
    var rememberedBrowsers: any RememberedBrowserRepository { SQLRememberedBrowsers(db: db) }
    var securityKeys: any SecurityKeyRepository { SQLSecurityKeys(db: db) }
    var securityKeyChallenges: any SecurityKeyChallengeRepository { SQLSecurityKeyChallenges(db: db) }
    var rateLimits: any RateLimitRepository { SQLRateLimits(db: db) }
    var signInFailures: any SignInFailureRepository { SQLSignInFailures(db: db) }
    var passwordResetRequests: any PasswordResetRequestRepository { SQLPasswordResetRequests(db: db) }
    var federationRequests: any FederationRequestRepository { SQLFederationRequests(db: db) }
    var federatedIdentities: any FederatedIdentityRepository { SQLFederatedIdentities(db: db) }
    var lines: any LineRepository { SQLLines(db: db) }
}
