import Hummingbird

/// The "日本語 / English" switch on every page: a link to `/lang/<code>?next=<this page>`.
enum LanguageSwitch {
    static func link(to language: Language, returningTo request: Request) -> String {
        let back = request.method == .get ? LocalRedirect.returnPath(path: request.uri.path, query: request.uri.query) : request.uri.path
        return "/lang/\(language.rawValue)?next=\(LocalRedirect.queryValue(back))"
    }
}
