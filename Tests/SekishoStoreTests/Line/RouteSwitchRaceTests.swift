import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Synchronization
import Testing

@Suite("Line authentication: the route switched while sessions are in use (issue 10, concurrency)")
struct RouteSwitchRaceTests {
    /// What one request of a session met, and whether the switch had committed before it began.
    enum Outcome: Equatable {
        case served(afterSwitch: Bool)
        case refused
        case ended
    }

    @Test("12 internet sessions keep making requests while the contractor switches to 「回線認証」: none is served once the switch has committed, and every one stops",
          arguments: StoreKind.available, [1, 2])
    func switchDuringSessions(kind: StoreKind, instances: Int) async throws {
        try await withTestStores(kind, instances: instances) { stores async throws in try await Self.switchWhileRequesting(stores) }
    }

    static func switchWhileRequesting(_ stores: [SQLStore]) async throws {
        let fixture = try await LineFixture.make(stores[0])
        let member = try await fixture.admin.member("hanako@example.jp")
        var tokens: [SecretToken] = []
        for _ in 0..<12 {
            tokens.append(try await fixture.signIn(member.person.email.value, over: LineFixture.internet).token)
        }
        let sessions = fixture.services.onEach(stores).map(\.sessions)
        let switched = Flag()
        let outcomes = await withTaskGroup(of: [Outcome].self) { group in
            group.addTask {
                do { try await fixture.save(.lineOnly, numbers: LineFixture.office) } catch { return [] }
                switched.raise()
                return []
            }
            for (index, token) in tokens.enumerated() {
                group.addTask { await requests(token, on: sessions[index % sessions.count], switched: switched) }
            }
            return await group.reduce(into: [[Outcome]]()) { $0.append($1) }.filter { !$0.isEmpty }
        }
        #expect(switched.isRaised, "the switch was saved")
        #expect(outcomes.count == tokens.count)
        for requests in outcomes {
            #expect(!requests.contains(.served(afterSwitch: true)), "no request that began after the switch is served")
            #expect(requests.last == .refused, "every session stops at a request after the switch")
        }
    }

    /// A browser's requests on one session until line authentication refuses one; stops early if a
    /// request that began after the switch was served, or the session ended without a refusal.
    static func requests(_ token: SecretToken, on sessions: SessionService, switched: Flag) async -> [Outcome] {
        var outcomes: [Outcome] = []
        while true {
            let afterSwitch = switched.isRaised
            do {
                guard try await sessions.resume(token, client: LineFixture.internet) != nil else {
                    outcomes.append(.ended)
                    return outcomes
                }
                outcomes.append(.served(afterSwitch: afterSwitch))
                if afterSwitch { return outcomes }
            } catch {
                outcomes.append(error is LineAccessRefused ? .refused : .ended)
                return outcomes
            }
        }
    }

    /// Raised once the switch has committed; read before each request begins.
    final class Flag: Sendable {
        private let raised = Mutex(false)
        var isRaised: Bool { raised.withLock { $0 } }
        func raise() { raised.withLock { $0 = true } }
    }
}
