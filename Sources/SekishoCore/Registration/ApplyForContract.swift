import Foundation

/// 新規契約お申込み (SPEC A2, password path): checks the form, hashes the password and, in one
/// transaction, stores the application and queues the confirmation mail.
///
/// The answer is the same whether or not the email already has an account; only the owner of the
/// address learns, by mail, that someone tried (no account enumeration, ASVS 6.3.8).
public struct ApplyForContract: Sendable {
    let store: any Store
    let clock: any WallClock
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, hasher: PasswordHasher, policy: PasswordPolicy, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.policy = policy
        self.settings = settings
    }

    /// Returns the address the mail went to.
    @discardableResult
    public func execute(_ form: ApplicationForm, client: ClientInfo) async throws -> EmailAddress {
        let valid = try form.validate(policy: policy)
        if let breached = await policy.breachProblem(with: valid.password) {
            throw FormErrors([ApplicationForm.Field.password: breached])
        }
        // Hashed before looking the email up, so both answers cost the same time.
        let passwordHash = try await hasher.hash(valid.password).phcString
        let draft = ApplicationDraft(companyName: valid.companyName, applicantName: valid.applicantName, email: valid.email, plan: valid.plan)
        try await submit(draft, credential: .password(hash: passwordHash), client: client)
        return valid.email
    }

    /// Stores the application with its credential and queues the confirmation mail (or, for an
    /// address that has an account, the notice to its owner), in one transaction. The provider path
    /// comes here once the provider has vouched.
    func submit(_ draft: ApplicationDraft, credential: LoginCredential, client: ClientInfo) async throws {
        let mails = ApplicationMails(settings: settings)
        let settings = self.settings
        let now = clock.now()
        try await store.transaction { tx in
            if let owner = try await tx.people.find(email: draft.email) {
                try await tx.outbox.enqueue(mails.alreadyRegistered(email: draft.email), messageID: settings.newMessageID(), at: now)
                try await tx.audit.append(AuditEvent(
                    kind: .applicationForRegisteredEmail, occurredAt: now, personID: owner.id,
                    contractID: owner.contractID, email: draft.email.normalized, client: client))
                return
            }
            let application = ContractApplication(
                id: .random(), email: draft.email, companyName: draft.companyName, applicantName: draft.applicantName,
                plan: draft.plan, credential: credential, createdAt: now)
            try await tx.applications.insert(application)
            let link = try await tx.issueTicket(
                .applicationConfirmation, subject: application.id.rawValue, voidKey: draft.email.normalized,
                path: "/apply/confirm", settings: settings, now: now)
            try await tx.outbox.enqueue(mails.confirmation(for: application, link: link), messageID: settings.newMessageID(), at: now)
            try await tx.audit.append(AuditEvent(
                kind: .applicationSubmitted, occurredAt: now, email: draft.email.normalized, client: client,
                detail: "plan=\(draft.plan.rawValue),\(credential.auditDetail)"))
        }
    }
}
