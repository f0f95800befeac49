import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

/// Two contracts (``AdminFixture``) and the line-auth use cases, with clients that arrive over the
/// internet, at the line entrance without a line, or over a given line.
struct LineFixture {
    let admin: AdminFixture
    static let office = "CAF1234567890"
    static let westOffice = "COP12345678"

    static func make(_ store: SQLStore) async throws -> LineFixture {
        LineFixture(admin: try await AdminFixture.make(store))
    }

    var services: TestServices { admin.services }
    var store: SQLStore { admin.store }
    var contractor: Account { admin.contractor }
    var lines: LineSettings { LineSettings(store: store, clock: services.clock) }
    var notice: AnswerLineNotice { AnswerLineNotice(store: store, clock: services.clock, settings: services.settings) }

    static let internet = TestServices.client
    static let entranceWithoutLine = ClientInfo(address: "192.0.2.1", userAgent: "test", arrival: .lineEntrance(nil))

    static func over(_ number: String, west: Bool = false) -> ClientInfo {
        ClientInfo(address: "192.0.2.1", userAgent: "test", arrival: .lineEntrance(SubscriberLine(number: try! LineNumber(parsing: number), isWestArea: west)))
    }

    /// The contractor saves `route` with `numbers` in the admin console.
    func save(_ route: AccessRoute, numbers: String = "", confirmed: Bool = false) async throws {
        try await lines.save(route: route.rawValue, numbers: numbers, confirmed: confirmed, by: contractor, client: Self.internet)
    }

    func signIn(_ email: String = "taro@example.jp", scope: SessionScope = .portal, over client: ClientInfo) async throws -> SignedIn {
        try await services.signIn.execute(email: email, password: AdminFixture.password, previous: nil, scope: scope, client: client)
    }

    /// The reason line authentication refused `work`, or `nil` when it did not.
    func refusal(_ work: () async throws -> Void) async throws -> LineRefusal? {
        do {
            try await work()
            return nil
        } catch let refused as LineAccessRefused {
            return refused.reason
        }
    }

    func registered(_ number: String) async throws -> RegisteredLine? {
        try await store.read { tx in try await tx.lines.find(try LineNumber(parsing: number), in: contractor.contract.id) }
    }

    func lastAudit() async throws -> AuditEvent? {
        try await store.read { try await $0.audit.recent(limit: 1, person: nil) }.first?.event
    }
}
