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
        table.record(path, .get)
        router.get(RouterPath(path), use: handler)
    }

    func post(_ path: String, _ handler: @escaping Handler<AppRequestContext>) {
        table.record(path, .post)
        router.post(RouterPath(path), use: handler)
    }

    /// A page for signed-in people only; others are sent to the sign-in page.
    func signedInGet(_ path: String, _ handler: @escaping Handler<SignedInContext>) {
        table.record(path, .get)
        signedIn.get(RouterPath(path), use: handler)
    }

    /// A form of signed-in pages.
    func signedInPost(_ path: String, _ handler: @escaping Handler<SignedInContext>) {
        table.record(path, .post)
        signedIn.post(RouterPath(path), use: handler)
    }

    /// A page of the contract menu, for its own sign-in only.
    func contractMenuGet(_ path: String, _ handler: @escaping Handler<ContractMenuContext>) {
        table.record(path, .get)
        contractMenu.get(RouterPath(path), use: handler)
    }

    func contractMenuPost(_ path: String, _ handler: @escaping Handler<ContractMenuContext>) {
        table.record(path, .post)
        contractMenu.post(RouterPath(path), use: handler)
    }
}
