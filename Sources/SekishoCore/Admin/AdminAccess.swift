import Foundation

/// Who may use the admin console (SPEC K3): the contractor and admins of the contract; users get 403.
public enum AdminAccess {
    /// Whether `account` may administer its contract (home shows the console's link then).
    public static func allows(_ account: Account) -> Bool {
        account.person.role != .user && account.person.status == .active && account.contract.status == .active
    }

    /// Throws ``AdminOnly`` unless `account` may administer its contract.
    public static func require(_ account: Account) throws {
        guard allows(account) else { throw AdminOnly() }
    }
}

extension Store {
    /// The transaction of a change made in the admin console (after ``AdminAccess/require(_:)``): the
    /// acting admin is read again first and held until it commits. A role change or removal of that
    /// admin committed meanwhile is then seen, and one that comes later waits: an admin demoted while
    /// a request of theirs is running changes nothing after the demotion.
    func adminChange<Value: Sendable>(
        by account: Account, _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value {
        try await transaction { tx in
            guard let current = try await tx.people.findHeld(account.person.id), current.contractID == account.contract.id,
                  AdminAccess.allows(Account(person: current, contract: account.contract))
            else { throw AdminOnly() }
            return try await work(tx)
        }
    }

    /// ``adminChange(by:_:)`` for a change that grants, moves, resets or takes away access: only
    /// within ``RecentSignIn/window`` of the admin's last sign-in (step-up, ASVS 7.5.3), else
    /// ``RecentSignInRequired``.
    func sensitiveAdminChange<Value: Sendable>(
        by account: Account, at now: Date, _ work: @Sendable (any StoreTransaction) async throws -> Value
    ) async throws -> Value {
        try RecentSignIn.require(account, at: now)
        return try await adminChange(by: account, work)
    }
}

/// A page of the admin console asked for by someone who is not the contractor or an admin (403).
public struct AdminOnly: Error, Sendable, Equatable {
    public init() {}
}

/// An id in a path or form that names no person of the admin's contract: unknown and foreign ids
/// answer the same 404 (SPEC K3).
public struct PersonNotFound: Error, Sendable, Equatable {
    public init() {}
}

/// An admin action that the rules do not allow on this person; the page says which rule.
public enum AdminRefusal: String, Error, Sendable, Equatable {
    /// The contractor's role and presence are fixed (one per contract).
    case contractorIsFixed = "contractor_fixed"
    /// Nobody changes their own role or removes themselves.
    case notOnYourself = "not_on_yourself"
    /// Resending or withdrawing concerns invited people only.
    case notInvited = "not_invited"
    /// The action needs a person who has completed registration.
    case stillInvited = "still_invited"
    /// The contractor changes their own email in the contract menu, after a recent sign-in; an admin
    /// who could change it could take over the contract.
    case contractorEmail = "contractor_email"
}

extension Account {
    /// The person named by untrusted `text` in this admin's contract, or ``PersonNotFound``.
    func person(_ text: String?, in tx: any StoreTransaction) async throws -> Person {
        guard let id = text.flatMap(PersonID.init(parsing:)),
              let person = try await tx.directory.find(id, in: contract.id)
        else { throw PersonNotFound() }
        return person
    }
}
