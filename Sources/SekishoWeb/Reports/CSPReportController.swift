import Foundation
import Hummingbird
import Logging
import NIOCore

/// Where browsers send Content-Security-Policy violations (ASVS 3.4.7; the CSP names it in
/// `report-uri` and `report-to`). A report changes nothing and needs no session: it is logged, a few
/// a minute at most (``ReportBudget``), and answered 204. The CSRF guard and the session skip this
/// path (``unguardedPath``), since browsers post reports without either.
struct CSPReportController: Sendable {
    static let unguardedPath = "/csp-report"
    static let maximumBody = 16 * 1024
    static let mediaTypes = ["application/csp-report", "application/reports+json", "application/json"]

    let budget: ReportBudget

    func register(_ routes: Routes) {
        routes.post(Self.unguardedPath) { request, context in
            var request = request
            guard let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
                  Self.mediaTypes.contains(type)
            else { throw HTTPError(.unsupportedMediaType) }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maximumBody)
            } catch is NIOTooManyBytesError {
                throw HTTPError(.contentTooLarge)
            }
            guard let violations = CSPViolation.parse(Data(body.readableBytesView)) else { throw HTTPError(.badRequest) }
            for violation in violations { log(violation, context.logger) }
            return Response(status: .noContent)
        }
    }

    private func log(_ violation: CSPViolation, _ logger: Logger) {
        let (logged, dropped) = budget.admit(at: Date())
        if dropped > 0 { logger.warning("csp reports not logged", metadata: ["count": "\(dropped)"]) }
        guard logged else { return }
        logger.warning("csp violation", metadata: [
            "directive": .string(violation.directive), "blocked": .string(violation.blocked), "page": .string(violation.page),
        ])
    }
}
