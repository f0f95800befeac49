import Hummingbird

/// Chooses the page language: the switch's cookie first, then `Accept-Language`, then Japanese.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: CookieJar

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = cookies.language(in: request)
            ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        return try await next(request, context)
    }
}
