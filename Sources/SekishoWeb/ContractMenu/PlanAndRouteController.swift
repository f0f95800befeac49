import Hummingbird
import SekishoCore

/// 「プラン変更および通信経路設定」 (SPEC A3, D7; manual 6.2): the plan with the trial's end and the
/// upgrade to the basic plan, and the access route: choose → 通信経路変更確認 (変更) → 通信経路完了.
/// Both changes ask for a confirmation page first.
struct PlanAndRouteController: Sendable {
    static let path = "\(ContractMenuController.path)/plan"

    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.contractMenuGet(Self.path) { request, context in
            try await planPage(notice: request.uri.queryParameters.get("notice"), request: request, context: context)
        }
        routes.contractMenuPost("\(Self.path)/upgrade") { request, context in
            guard context.form["confirmed"] == "1" else {
                _ = try await services.contractMenu.planAndRoute.current(for: context.account)
                return confirmation("plan_upgrade_confirm", field: nil, request: request, context: context)
            }
            try await services.contractMenu.planAndRoute.upgrade(by: context.account, client: context.client(request))
            return .redirect(to: "\(Self.path)?notice=upgraded")
        }
        routes.contractMenuPost("\(Self.path)/route") { request, context in
            _ = try await services.contractMenu.planAndRoute.current(for: context.account)
            guard let route = try? ChangePlanAndRoute.route(context.form[ChangePlanAndRoute.Field.route]) else {
                return try await planPage(routeError: true, request: request, context: context)
            }
            let warns = route == .lineOnly ? try await services.contractMenu.planAndRoute.registeredLineCount(for: context.account) == 0 : false
            return confirmation(
                Self.routeKey(route), field: route.rawValue, warning: warns ? "route_line_only_no_lines" : nil, request: request, context: context)
        }
        routes.contractMenuPost("\(Self.path)/route/confirm") { request, context in
            do {
                try await services.contractMenu.planAndRoute.setRoute(
                    context.form[ChangePlanAndRoute.Field.route], by: context.account, client: context.client(request))
            } catch is FormErrors {
                return try await planPage(routeError: true, request: request, context: context)
            }
            return .redirect(to: "\(Self.path)/route/done")
        }
        routes.contractMenuPost("\(Self.path)/two-step") { request, context in
            try await services.contractMenu.planAndRoute.setKeepsTwoStepOnReset(
                context.form["keep"] == "on", by: context.account, client: context.client(request))
            return .redirect(to: "\(Self.path)?notice=saved")
        }
        routes.contractMenuGet("\(Self.path)/route/done") { request, context in
            let contract = try await services.contractMenu.planAndRoute.current(for: context.account)
            return pages.message(
                title: "route_done_title", paragraphs: ["route_done_body", Self.routeKey(contract.accessRoute)],
                links: [(ContractMenuController.path, "password_change_back")], request: request, context: context, status: .ok)
        }
    }

    /// The page; with `routeError`, again after a route that is not one of the two (422).
    private func planPage(
        notice: String? = nil, routeError: Bool = false, request: Request, context: ContractMenuContext
    ) async throws -> Response {
        let contract = try await services.contractMenu.planAndRoute.current(for: context.account)
        let text = strings(context)
        let notices = ["upgraded": "plan_upgraded", "saved": "plan_two_step_saved"]
        let content = PlanContent(contract, notice: notice.flatMap { notices[$0] }.map(text), routeError: routeError ? text("problem.invalidChoice") : nil, strings: text)
        return pages.page("contract_plan", title: "contract_menu_plan", content: content, request: request, context: context,
                          status: routeError ? .unprocessableContent : .ok)
    }

    /// The strings key that says what `route` means.
    static func routeKey(_ route: AccessRoute) -> String {
        route == .lineAndInternet ? "route_line_internet" : "route_line_only"
    }

    private func strings(_ context: ContractMenuContext) -> (String) -> String {
        { services.strings.text($0, context.language) }
    }

    /// 確認: what will change, with 「変更」 posting it again confirmed.
    private func confirmation(
        _ what: String, field route: String?, warning: String? = nil, request: Request, context: ContractMenuContext
    ) -> Response {
        let text = strings(context)
        let content = ChangeConfirmation(
            heading: text(route == nil ? "plan_upgrade_title" : "route_confirm_title"), change: text(what),
            warning: warning.map(text), action: route == nil ? "\(Self.path)/upgrade" : "\(Self.path)/route/confirm", route: route)
        return pages.page("contract_confirm", title: route == nil ? "plan_upgrade_title" : "route_confirm_title", content: content,
                          request: request, context: context)
    }
}

struct PlanContent: Sendable, Encodable {
    let plan: String
    let trialEnds: String?
    let isTrial: Bool
    let notice: String?
    let lineAndInternet: Bool
    let routeError: String?

    let keepsTwoStep: Bool

    init(_ contract: Contract, notice: String?, routeError: String?, strings: (String) -> String) {
        plan = strings("plan_\(contract.plan.rawValue)")
        trialEnds = contract.trialEndsAt.map(JapanTime.date)
        isTrial = contract.plan == .trial
        self.notice = notice
        keepsTwoStep = contract.keepsTwoStepOnPasswordReset
        lineAndInternet = contract.accessRoute == .lineAndInternet
        self.routeError = routeError
    }
}

struct ChangeConfirmation: Sendable, Encodable {
    let heading: String
    let change: String
    /// Said before 「変更」 when the change locks people out (line-only with no line registered).
    let warning: String?
    let action: String
    /// The route being confirmed, posted again with 「変更」.
    let route: String?
}
