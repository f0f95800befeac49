import Foundation
import Hummingbird
import NIOCore
import SekishoCore

/// Renders a template inside the layout and wraps it in a response: language, texts, CSRF token and
/// the signed-in header come from the context, so controllers pass only their page's content.
struct PageResponder: Sendable {
    let strings: Strings
    let renderer: PageRenderer

    enum ReferrerPolicy: String {
        case sameOrigin = "same-origin"
        /// Pages reached by a mail link: the ticket in the URL must not leak anywhere.
        case noReferrer = "no-referrer"
    }

    func page<Content: Sendable & Encodable>(
        _ template: String, title: String, content: Content, request: Request, context: some PageContext,
        csrf: String? = nil, status: HTTPResponse.Status = .ok, referrerPolicy: ReferrerPolicy = .sameOrigin
    ) -> Response {
        let language = context.language
        let session = context.session
        let page = Page(
            lang: language.rawValue, title: strings.text(title, language),
            languageSwitch: LanguageSwitch.link(to: language.other, returningTo: request),
            csrf: csrf ?? session?.csrfToken,
            signedIn: session.flatMap { $0.record.stage == .anonymous ? nil : $0.account }.map {
                SignedInBar(name: $0.person.name, email: $0.person.email.value)
            },
            content: content)
        var response = Response.html(renderer.render(template, page, in: language), status: status)
        response.headers[.referrerPolicy] = referrerPolicy.rawValue
        return response
    }

    /// A page that only says something (see ``MessageContent``), with texts given by key.
    func message(
        title: String, paragraphs: [String], links: [(href: String, label: String)] = [], reference: String? = nil,
        request: Request, context: some PageContext, status: HTTPResponse.Status,
        referrerPolicy: ReferrerPolicy = .sameOrigin
    ) -> Response {
        let text = { (key: String) in strings.text(key, context.language) }
        let content = MessageContent(
            heading: text(title), paragraphs: paragraphs.map(text),
            links: links.map { PageLink(href: $0.href, label: text($0.label)) }, reference: reference)
        return page("message", title: title, content: content, request: request, context: context, status: status,
                    referrerPolicy: referrerPolicy)
    }
}

extension PageResponder {
    /// The right credentials, but the contract is closed: a trial that ended may still upgrade in the
    /// contract menu; a cancelled contract only says so.
    func closedContract(_ closed: ContractClosed, request: Request, context: some PageContext) -> Response {
        switch closed {
        case .trialEnded:
            message(
                title: "trial_ended_title", paragraphs: ["trial_ended_body"],
                links: [(ContractMenuController.signInPath, "login_contract_menu_link")], request: request, context: context,
                status: .forbidden)
        case .cancelled:
            message(title: "contract_cancelled_title", paragraphs: ["contract_cancelled_body"], request: request, context: context, status: .forbidden)
        }
    }
}

extension Response {
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other: after a POST the browser follows with a GET.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension PageResponder {
    /// Line authentication refused (SPEC D3–D5): the reason, and what to ask whom. Whoever sees it
    /// got past a password, a provider or a mail link's ticket.
    func lineRefusal(_ reason: LineRefusal, request: Request, context: some PageContext) -> Response {
        let paragraphs = switch reason {
        case .noLine, .unregistered: ["line_refused_\(reason.rawValue)", "line_refused_check", "line_refused_check_setup", "line_refused_check_number"]
        case .noticeDeclined: ["line_refused_notice_declined", "line_refused_notice_again"]
        case .lineOnly: ["line_refused_line_only", "line_refused_line_only_contractor"]
        }
        return message(
            title: "line_refused_title", paragraphs: paragraphs, links: [("/login", "back_to_top")], request: request, context: context,
            status: .forbidden, referrerPolicy: .noReferrer)
    }
}
