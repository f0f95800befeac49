import SekishoCore

/// One person as the admin console shows them, in the page's language.
struct PersonRow: Sendable, Encodable {
    let id: String
    let name: String
    let email: String
    let role: String
    let loginMethod: String
    let twoStep: String
    let locked: Bool
    let invited: Bool
    let lastSignIn: String

    init(_ summary: PersonSummary, strings: Strings, language: Language) {
        let text = { (key: String) in strings.text(key, language) }
        let person = summary.person
        id = person.id.rawValue
        name = person.name
        email = person.email.value
        role = text("role_\(person.role.rawValue)")
        loginMethod = text("login_method_\(person.loginMethod.rawValue)")
        twoStep = summary.twoStep.map { text("two_step_method_\($0.rawValue)") } ?? text("admin_two_step_none")
        locked = summary.locked
        invited = person.status == .invited
        lastSignIn = summary.lastSignInAt.map(JapanTime.dateTime) ?? "—"
    }
}

/// 「ユーザ」: the search box, a page of people, the link to the next page.
struct UsersContent: Sendable, Encodable {
    let search: String
    let rows: [PersonRow]
    let hasRows: Bool
    let nextLink: String?
    let notice: String?
}

/// 「詳細」 of one person, with what the admin may do to them.
struct UserDetailContent: Sendable, Encodable {
    let person: PersonRow
    let isAdmin: Bool
    /// Role changes and removal: not for the contractor, not on oneself, not before registration.
    let canChangeRole: Bool
    let canRemove: Bool
    /// The contractor changes their own email in the contract menu (``AdminRefusal/contractorEmail``).
    let canChangeEmail: Bool
    let browsers: [BrowserLine]
    let hasBrowsers: Bool
    /// The names of the person's security keys, joined: 「会社のキー、予備」.
    let securityKeys: String?
    let events: [AuditLine]
    let notice: String?

    struct BrowserLine: Sendable, Encodable {
        let label: String
        let lastUsed: String
    }
}

/// One line of the audit log.
struct AuditLine: Sendable, Encodable {
    let time: String
    /// The event's name in the page's language (「アカウントロック」), and its code (`account.locked`),
    /// which is what the log and the filter use.
    let label: String
    let event: String
    let email: String
    let address: String
    let detail: String

    init(_ record: AuditRecord, people: [PersonID: String], strings: Strings, language: Language) {
        let event = record.event
        time = JapanTime.dateTime(event.occurredAt)
        label = Self.label(event.kind, strings: strings, language: language)
        self.event = event.kind.rawValue
        email = event.personID.flatMap { people[$0] } ?? event.email ?? ""
        address = event.client.address
        detail = event.detail ?? ""
    }

    static func label(_ kind: AuditEventKind, strings: Strings, language: Language) -> String {
        strings.text("audit.\(kind.rawValue)", language)
    }
}

/// 「監査ログ」: filters, a page of events, the link to the next page.
struct AuditLogContent: Sendable, Encodable {
    let person: String
    let kinds: [KindOption]
    let events: [AuditLine]
    let hasEvents: Bool
    let nextLink: String?

    struct KindOption: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }
}

/// The admin's forms about one person: register, email change and its confirmation.
struct AdminFormContent: Sendable, Encodable {
    let personID: String
    let name: String
    let currentEmail: String
    let feedback: FormFeedback
    let adminChecked: Bool
}

enum QueryLink {
    /// `path?key=value&…` with every value percent-encoded, `+` and the space included (the page reads
    /// its query as a form, where `+` is a space); empty values are left out.
    static func make(_ path: String, _ items: [(String, String?)]) -> String {
        let present = items.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : "\(key)=\(LocalRedirect.queryValue($0))" } }
        return present.isEmpty ? path : path + "?" + present.joined(separator: "&")
    }
}
