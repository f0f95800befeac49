import Hummingbird
import SekishoCore

/// 「契約情報変更」 (SPEC J3): the contractor edits the contract's name, postal address, phone and
/// billing contact.
struct ContractDetailsController: Sendable {
    static let path = "\(ContractMenuController.path)/details"

    let services: WebServices
    let pages: PageResponder

    func register(_ routes: Routes) {
        routes.contractMenuGet(Self.path) { request, context in
            let details = try await services.contractMenu.details.current(for: context.account)
            let saved = request.uri.queryParameters.get("notice") == "saved"
            return page(Self.values(details), errors: FormErrors(), saved: saved, request: request, context: context)
        }
        routes.contractMenuPost(Self.path) { request, context in
            let fields = [
                ContractDetails.Field.name, ContractDetails.Field.postalCode, ContractDetails.Field.address, ContractDetails.Field.phone,
                ContractDetails.Field.billingContact, ContractDetails.Field.billingEmail,
            ]
            let form = Dictionary(uniqueKeysWithValues: fields.map { ($0, context.form[$0] ?? "") })
            do {
                try await services.contractMenu.details.execute(form, for: context.account, client: context.client(request))
                return .redirect(to: "\(Self.path)?notice=saved")
            } catch let errors as FormErrors {
                var response = page(form, errors: errors, saved: false, request: request, context: context)
                response.status = .unprocessableContent
                return response
            }
        }
    }

    static func values(_ details: ContractDetails) -> [String: String] {
        typealias Field = ContractDetails.Field
        return [
            Field.name: details.name, Field.postalCode: details.postalCode ?? "", Field.address: details.address ?? "",
            Field.phone: details.phone ?? "", Field.billingContact: details.billingContact ?? "",
            Field.billingEmail: details.billingEmail?.value ?? "",
        ]
    }

    private func page(
        _ values: [String: String], errors: FormErrors, saved: Bool, request: Request, context: ContractMenuContext
    ) -> Response {
        let feedback = FormFeedback(values: values, errors: errors, strings: services.strings, language: context.language)
        let notice = saved ? services.strings.text("contract_details_saved", context.language) : nil
        return pages.page("contract_details", title: "contract_menu_details", content: ContractDetailsContent(feedback: feedback, notice: notice),
                          request: request, context: context)
    }
}

struct ContractDetailsContent: Sendable, Encodable {
    let feedback: FormFeedback
    let notice: String?
}
