public import Foundation

/// One row of the admin console's user list (SPEC K1): the person and what an admin needs to see at
/// a glance.
public struct PersonSummary: Sendable, Equatable {
    public let person: Person
    /// The confirmed two-step method, `nil` when the next sign-in enrols.
    public let twoStep: TwoStepMethod?
    /// Only an active person shows as locked: an invited one cannot sign in yet, and the lock of the
    /// address of an invitation that does not hold it (``Invitations``) is its owner's, elsewhere.
    public let locked: Bool
    public let lastSignInAt: Date?

    /// `addressLocked`: whether sign-in to the person's address is locked.
    public init(person: Person, twoStep: TwoStepMethod?, addressLocked: Bool, lastSignInAt: Date?) {
        self.person = person
        self.twoStep = twoStep
        self.locked = addressLocked && person.status == .active
        self.lastSignInAt = lastSignInAt
    }
}

/// What the list asks for: an optional search text and the row to continue after (keyset paging).
public struct DirectoryQuery: Sendable, Equatable {
    /// A part of the name or the email, matched case-insensitively; `nil` lists everyone.
    public let search: String?
    /// The last row of the previous page: the list goes on after its (name, id).
    public let after: PersonID?
    public let limit: Int

    public static let maxSearchLength = 100
    public static let pageSize = 50

    /// Untrusted input from a query string: the search trimmed and cut to a sane length, the cursor
    /// only when it has the shape of an id.
    public init(search: String?, after: String?, limit: Int = DirectoryQuery.pageSize) {
        let trimmed = search?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.search = trimmed.isEmpty ? nil : String(trimmed.prefix(Self.maxSearchLength))
        self.after = after.flatMap(PersonID.init(parsing:))
        self.limit = max(1, min(limit, 200))
    }
}

/// One page of the list, and the cursor of the next when there is one.
public struct DirectoryPage: Sendable, Equatable {
    public let rows: [PersonSummary]
    public let next: PersonID?

    public init(rows: [PersonSummary], next: PersonID?) {
        self.rows = rows
        self.next = next
    }
}

/// 「詳細」: the summary, the remembered browsers, the security keys and the person's recent audit
/// events.
public struct PersonDetail: Sendable, Equatable {
    public let summary: PersonSummary
    public let browsers: [RememberedBrowser]
    public let securityKeys: [SecurityKey]
    public let events: [AuditRecord]

    public init(summary: PersonSummary, browsers: [RememberedBrowser], securityKeys: [SecurityKey], events: [AuditRecord]) {
        self.summary = summary
        self.browsers = browsers
        self.securityKeys = securityKeys
        self.events = events
    }
}
