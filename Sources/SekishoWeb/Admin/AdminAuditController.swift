import Hummingbird
import SekishoCore

/// 「監査ログ」 (SPEC M2): the contract's events, filtered by person and event, newest first.
struct AdminAuditController: Sendable {
    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.signedInGet("/admin/audit", show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let parameters = try request.formQuery()
        let query = AuditQuery(person: parameters["person"], kind: parameters["kind"], before: parameters["before"])
        let (events, next) = try await services.admin.console.auditLog(for: context.account, query: query)
        let content = AuditLogContent(
            person: query.person?.rawValue ?? "",
            kinds: AuditEventKind.allCases.map {
                .init(value: $0.rawValue, label: AuditLine.label($0, strings: services.strings, language: context.language),
                      selected: $0 == query.kind)
            },
            events: events.map { AuditLine($0, people: [:], strings: services.strings, language: context.language) },
            hasEvents: !events.isEmpty,
            nextLink: next.map {
                QueryLink.make("/admin/audit", [("person", query.person?.rawValue), ("kind", query.kind?.rawValue), ("before", String($0))])
            })
        return pages.page("admin_audit", title: "admin_audit_title", content: content, request: request, context: context)
    }
}
