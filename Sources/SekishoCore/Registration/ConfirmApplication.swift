import Foundation

/// The confirmation link of an application (SPEC A2): the GET shows what will be created, the
/// button's POST creates the contract with the applicant as its contractor.
public struct ConfirmApplication: Sendable {
    let store: any Store
    let clock: any WallClock
    let settings: ServiceSettings

    public init(store: any Store, clock: any WallClock, settings: ServiceSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// The application behind a usable ticket, without using it.
    public func preview(ticket text: String?) async throws -> ContractApplication {
        let now = clock.now()
        return try await store.read { tx in
            let found = try await tx.usableTicket(text, purpose: .applicationConfirmation, now: now)
            guard let id = ApplicationID(parsing: found.subject),
                  let application = try await tx.applications.find(id)
            else { throw TicketRejected() }
            return application
        }
    }

    /// Uses the ticket and creates the contract, all in one transaction. Throws ``TicketRejected``,
    /// ``RegistrationError/emailTaken``, or ``FederationRefused/accountTaken`` when the application's
    /// Google or Facebook account was linked to someone else meanwhile (the application then goes).
    public func execute(ticket text: String?, client: ClientInfo) async throws -> Contract {
        let now = clock.now()
        do {
            return try await found(ticket: text, client: client, now: now)
        } catch let refused as FederationRefused {
            try await store.transaction { tx in
                let used = try await tx.consumeTicket(text, purpose: .applicationConfirmation, now: now)
                if let id = ApplicationID(parsing: used.subject) { try await tx.applications.delete(id) }
                try await tx.audit.append(AuditEvent(
                    kind: .federationRefused, occurredAt: now, client: client, detail: "purpose=application_confirmation,reason=account_taken"))
            }
            throw refused
        }
    }

    private func found(ticket text: String?, client: ClientInfo, now: Date) async throws -> Contract {
        let founding = ContractFounding(settings: settings)
        return try await store.transaction { tx in
            let used = try await tx.consumeTicket(text, purpose: .applicationConfirmation, now: now)
            guard let id = ApplicationID(parsing: used.subject),
                  let application = try await tx.applications.find(id)
            else { throw TicketRejected() }
            let (contract, person) = try await founding.found(
                companyName: application.companyName, plan: application.plan, contractorName: application.applicantName,
                email: application.email, credential: application.credential, now: now, in: tx)
            try await tx.applications.delete(id)
            try await tx.audit.append(AuditEvent(
                kind: .applicationConfirmed, occurredAt: now, personID: person.id, contractID: contract.id,
                client: client, detail: "plan=\(contract.plan.rawValue),\(application.credential.auditDetail)"))
            return contract
        }
    }
}

/// A mail link that cannot be used: unknown, expired, already used, or replaced by a newer one.
/// One answer for all of them.
public struct TicketRejected: Error, Sendable, Equatable {
    public init() {}
}
