import Foundation
import Hummingbird
import SekishoCore

/// 「セキュリティキー」: the person's security keys and passkeys, a form to register one and a button
/// to remove each (see ``SecurityKeys``). Registering and removing ask for a recent sign-in first.
struct SecurityKeysController {
    static let path = "/security-keys"

    let services: WebServices
    let pages: PageResponder

    var keys: SecurityKeys { services.twoStep.securityKeys }

    func register(_ routes: Routes) {
        routes.signedInGet(Self.path, show)
        routes.signedInGet("\(Self.path)/new", showForm)
        routes.signedInPost("\(Self.path)/new", add)
        routes.signedInPost("\(Self.path)/remove", remove)
    }

    static let notices: Set<String> = ["security_key_added", "security_key_removed"]

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let person = context.account.person.id
        guard try await keys.isAvailable(to: person) else { return .redirect(to: "/home") }
        let notice = request.uri.queryParameters.get("notice").flatMap { Self.notices.contains($0) ? $0 : nil }
        let content = SecurityKeysContent(
            keys: try await keys.list(for: person), notice: notice.map { services.strings.text("notice_\($0)", context.language) },
            never: services.strings.text("security_keys_never_used", context.language))
        return pages.page("security_keys", title: "security_keys_title", content: content, request: request, context: context)
    }

    @Sendable func showForm(_ request: Request, context: SignedInContext) async throws -> Response {
        try await form(errors: FormErrors(), request: request, context: context)
    }

    @Sendable func add(_ request: Request, context: SignedInContext) async throws -> Response {
        do {
            try await keys.register(
                context.activeSession, name: context.form[SecurityKeys.Field.name], response: SecurityKeyRegistration(form: context.form),
                client: context.client(request))
        } catch let errors as FormErrors {
            return try await self.form(errors: errors, request: request, context: context, status: .unprocessableContent)
        } catch is SecurityKeysUnavailable {
            return .redirect(to: "/home")
        }
        return .redirect(to: "\(Self.path)?notice=security_key_added")
    }

    /// Removing answers the same whether the key was still there: a second click leaves the list right.
    @Sendable func remove(_ request: Request, context: SignedInContext) async throws -> Response {
        if let id = context.form["key"].flatMap(SecurityKey.ID.init(parsing:)) {
            try await keys.remove(id, from: context.activeSession, client: context.client(request))
        }
        return .redirect(to: "\(Self.path)?notice=security_key_removed")
    }

    /// The registration form with a new challenge; a person who cannot have keys goes home.
    private func form(
        errors: FormErrors, request: Request, context: SignedInContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let creation: SecurityKeyCreation
        do {
            creation = try await keys.startRegistration(context.activeSession)
        } catch is SecurityKeysUnavailable {
            return .redirect(to: "/home")
        }
        let content = SecurityKeyFormContent(
            options: SecurityKeyOptions.json(creation),
            feedback: FormFeedback(
                form: context.form, keeping: [SecurityKeys.Field.name], errors: errors, strings: services.strings,
                language: context.language),
            isFull: creation.excludedCredentials.count >= SecurityKey.maxPerPerson)
        return pages.page("security_key_new", title: "security_key_new_title", content: content, request: request,
                          context: context, status: status)
    }
}

/// The rows of 「セキュリティキー」.
struct SecurityKeysContent: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        let id: String
        let name: String
        let added: String
        let lastUsed: String
    }

    let keys: [Row]
    let hasKeys: Bool
    let notice: String?

    init(keys: [SecurityKey], notice: String?, never: String) {
        self.keys = keys.map {
            Row(id: $0.id.rawValue, name: $0.name, added: JapanTime.dateTime($0.createdAt),
                lastUsed: $0.lastUsedAt.map(JapanTime.dateTime) ?? never)
        }
        hasKeys = !keys.isEmpty
        self.notice = notice
    }
}

/// The registration form: the options for the script, the name field, and whether the list is full.
struct SecurityKeyFormContent: Sendable, Encodable {
    let options: String
    let feedback: FormFeedback
    let isFull: Bool
}
