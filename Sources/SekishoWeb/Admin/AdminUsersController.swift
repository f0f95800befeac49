import Hummingbird
import SekishoCore

/// 管理コンソール → ユーザ (SPEC K1, I3): the list, a person's detail and the actions on them. Every
/// handler goes through a use case that checks the role and scopes by the admin's contract, so a
/// user gets 403 and a foreign or unknown id 404.
struct AdminUsersController: Sendable {
    let services: WebServices
    let pages: PageResponder

    /// Notices the pages show after an action's redirect.
    static let notices: Set<String> = [
        "invited", "resent", "withdrawn", "role_changed", "removed", "unlocked", "two_step_reset", "sessions_ended",
        "email_change_sent", "all_sessions_ended", "reset_sent",
    ]

    func register(_ routes: Routes) {
        routes.signedInGet("/admin") { _, context in
            try AdminAccess.require(context.account)
            return .redirect(to: "/admin/users")
        }
        routes.signedInGet("/admin/users", list)
        routes.signedInGet("/admin/users/:id", detail)
        let actions: [(String, String, @Sendable (ManagePeople, String?, Account, ClientInfo) async throws -> Void)] = [
            ("unlock", "unlocked", { try await $0.unlock(person: $1, by: $2, client: $3) }),
            ("reset-two-step", "two_step_reset", { try await $0.resetTwoStep(person: $1, by: $2, client: $3) }),
            ("end-sessions", "sessions_ended", { try await $0.endSessions(person: $1, by: $2, client: $3) }),
            ("send-reset", "reset_sent", { try await $0.sendPasswordReset(person: $1, by: $2, client: $3) }),
        ]
        for (path, notice, action) in actions {
            routes.signedInPost("/admin/users/:id/\(path)") { request, context in
                let id = context.parameters.get("id")
                try await action(services.admin.people, id, context.account, context.client(request))
                return .redirect(to: "/admin/users/\(id ?? "")?notice=\(notice)")
            }
        }
        routes.signedInPost("/admin/users/:id/role") { request, context in
            let id = context.parameters.get("id")
            try await services.admin.people.setAdmin(
                context.form["admin"] == "1", person: id, by: context.account, client: context.client(request))
            return .redirect(to: "/admin/users/\(id ?? "")?notice=role_changed")
        }
        routes.signedInGet("/admin/sessions/end-all") { request, context in
            try AdminAccess.require(context.account)
            try services.recentSignIn.require(context.account)
            return pages.page("admin_end_all", title: "admin_end_all_title", content: EmptyContent(), request: request, context: context)
        }
        routes.signedInPost("/admin/sessions/end-all") { request, context in
            try await services.admin.people.endAllSessions(
                by: context.account, keeping: context.activeSession.record.digest, client: context.client(request))
            return .redirect(to: "/admin/users?notice=all_sessions_ended")
        }
        routes.signedInGet("/admin/users/:id/remove", confirmRemoval)
        routes.signedInPost("/admin/users/:id/remove") { request, context in
            try await services.admin.people.remove(person: context.parameters.get("id"), by: context.account, client: context.client(request))
            return .redirect(to: "/admin/users?notice=removed")
        }
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let parameters = try request.formQuery()
        let query = DirectoryQuery(search: parameters["q"], after: parameters["after"])
        let page = try await services.admin.console.directory(for: context.account, query: query)
        let content = UsersContent(
            search: query.search ?? "", rows: page.rows.map { PersonRow($0, strings: services.strings, language: context.language) },
            hasRows: !page.rows.isEmpty,
            nextLink: page.next.map { QueryLink.make("/admin/users", [("q", query.search), ("after", $0.rawValue)]) },
            notice: notice(request, context))
        return pages.page("admin_users", title: "admin_users_title", content: content, request: request, context: context)
    }

    @Sendable func detail(_ request: Request, context: SignedInContext) async throws -> Response {
        let detail = try await services.admin.console.detail(of: context.parameters.get("id"), for: context.account)
        let person = detail.summary.person
        let editable = person.role != .contractor && person.id != context.account.person.id && person.status == .active
        let emails = [person.id: person.email.value]
        let content = UserDetailContent(
            person: PersonRow(detail.summary, strings: services.strings, language: context.language),
            isAdmin: person.role == .admin, canChangeRole: editable,
            canRemove: person.role != .contractor && person.id != context.account.person.id,
            canChangeEmail: person.role != .contractor,
            browsers: detail.browsers.map { .init(label: $0.label, lastUsed: JapanTime.dateTime($0.lastUsedAt)) },
            hasBrowsers: !detail.browsers.isEmpty,
            securityKeys: detail.securityKeys.isEmpty ? nil : detail.securityKeys.map(\.name).joined(separator: "、"),
            events: detail.events.map { AuditLine($0, people: emails, strings: services.strings, language: context.language) },
            notice: notice(request, context))
        return pages.page("admin_user", title: "admin_user_title", content: content, request: request, context: context)
    }

    @Sendable func confirmRemoval(_ request: Request, context: SignedInContext) async throws -> Response {
        let detail = try await services.admin.console.detail(of: context.parameters.get("id"), for: context.account)
        try services.recentSignIn.require(context.account)
        let content = AdminFormContent(
            personID: detail.summary.person.id.rawValue, name: detail.summary.person.name,
            currentEmail: detail.summary.person.email.value, feedback: .empty, adminChecked: false)
        return pages.page("admin_remove", title: "admin_remove_title", content: content, request: request, context: context)
    }

    private func notice(_ request: Request, _ context: SignedInContext) -> String? {
        request.uri.queryParameters.get("notice").flatMap {
            Self.notices.contains($0) ? services.strings.text("admin_notice_\($0)", context.language) : nil
        }
    }
}
