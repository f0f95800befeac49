/// The admin console's pages that only read (SPEC K1): the user list, a person's detail, the audit
/// log. Every read is scoped to the admin's contract.
public struct AdminConsole: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public static let detailEventCount = 20

    /// 「ユーザ」: a page of the contract's people sorted by name.
    public func directory(for admin: Account, query: DirectoryQuery) async throws -> DirectoryPage {
        try AdminAccess.require(admin)
        let rows = try await store.read { tx in try await tx.directory.list(admin.contract.id, query: query) }
        let page = Array(rows.prefix(query.limit))
        return DirectoryPage(rows: page, next: rows.count > query.limit ? page.last?.person.id : nil)
    }

    /// 「詳細」 of the person named by `id` (untrusted text).
    public func detail(of id: String?, for admin: Account) async throws -> PersonDetail {
        try AdminAccess.require(admin)
        return try await store.read { tx in
            let person = try await admin.person(id, in: tx)
            guard let summary = try await tx.directory.summary(person.id, in: admin.contract.id) else { throw PersonNotFound() }
            return PersonDetail(
                summary: summary, browsers: try await tx.rememberedBrowsers.list(for: person.id),
                securityKeys: try await tx.securityKeys.list(for: person.id),
                events: Array(try await tx.audit.page(
                    admin.contract.id, query: AuditQuery(person: person.id.rawValue, kind: nil, before: nil, limit: Self.detailEventCount)
                ).prefix(Self.detailEventCount)))
        }
    }

    /// 「監査ログ」: a page of the contract's events, newest first, and the cursor of the next page.
    public func auditLog(for admin: Account, query: AuditQuery) async throws -> (events: [AuditRecord], next: Int64?) {
        try AdminAccess.require(admin)
        let rows = try await store.read { tx in try await tx.audit.page(admin.contract.id, query: query) }
        let page = Array(rows.prefix(query.limit))
        return (page, rows.count > query.limit ? page.last?.id : nil)
    }
}
