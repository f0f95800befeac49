import Hummingbird

/// Registers handlers on the router and records every path and method in the ``RouteTable``, so the
/// error page can tell "unknown page" (404) from "wrong method" (405).
struct Routes {
    typealias Handler<Context> = @Sendable (Request, Context) async throws -> Response

    let router: Router<AppRequestContext>
    let signedIn: RouterGroup<SignedInContext>
    let contractMenu: RouterGroup<ContractMenuContext>
    let table: RouteTable

    init(router: Router<AppRequestContext>, table: RouteTable) {
        self.router = router
        self.signedIn = router.group(context: SignedInContext.self)
        self.contractMenu = router.group(context: ContractMenuContext.self)
        self.table = table
    }

    func get(_ path: String, _ handler: @escaping Handler<AppRequestContext>) {
        add(.get, path, on: router, handler)
    }

    func post(_ path: String, _ handler: @escaping Handler<AppRequestContext>) {
        add(.post, path, on: router, handler)
    }

    /// A page for signed-in people only; others are sent to the sign-in page.
    func signedInGet(_ path: String, _ handler: @escaping Handler<SignedInContext>) {
        add(.get, path, on: signedIn, handler)
    }

    /// A form of signed-in pages.
    func signedInPost(_ path: String, _ handler: @escaping Handler<SignedInContext>) {
        add(.post, path, on: signedIn, handler)
    }

    /// A page of the contract menu, for its own sign-in only; others are sent to 「契約情報変更ログイン」.
    func contractMenuGet(_ path: String, _ handler: @escaping Handler<ContractMenuContext>) {
        add(.get, path, on: contractMenu, handler)
    }

    func contractMenuPost(_ path: String, _ handler: @escaping Handler<ContractMenuContext>) {
        add(.post, path, on: contractMenu, handler)
    }

    private func add<Context>(
        _ method: HTTPRequest.Method, _ path: String, on routes: some RouterMethods<Context>, _ handler: @escaping Handler<Context>
    ) {
        table.record(path, method)
        routes.on(RouterPath(path), method: method, use: handler)
    }
}
