import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import Testing

@Suite("The contract menu of a Google contractor (SPEC J1, J4, F2)")
struct FederatedContractMenuTests {
    /// The contract menu's session after 「Googleアカウントでログイン」 on its sign-in page.
    static func menuSession(_ fixture: FederationFixture) async throws -> ActiveSession {
        guard case .signedIn(let signedIn, .contractMenu) = try await fixture.roundTrip(.signIn(.contractMenu)) else {
            throw FederationTestFailure()
        }
        return try #require(try await fixture.services.sessions.resume(signedIn.token, client: fixture.client))
    }

    @Test("解約 takes a recent Google sign-in instead of a password; an older one must sign in again", arguments: StoreKind.available)
    func cancel(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            _ = try await fixture.googleContract()
            let old = try await Self.menuSession(fixture)
            fixture.services.clock.advance(by: RecentSignIn.window + 1)
            let stale = try #require(try await fixture.services.sessions.resume(old.token, client: fixture.client))
            await #expect(throws: RecentSignInRequired()) {
                try await fixture.services.cancelContract.execute(in: stale, password: nil, confirmation: "yes", client: fixture.client)
            }
            #expect(try await store.count("contracts") == 1)
            let fresh = try await Self.menuSession(fixture)
            await #expect(throws: FormErrors.self, "the box is still needed") {
                try await fixture.services.cancelContract.execute(in: fresh, password: nil, confirmation: nil, client: fixture.client)
            }
            try await fixture.services.cancelContract.execute(in: fresh, password: nil, confirmation: "yes", client: fixture.client)
            #expect(try await store.auditKinds().last == .contractCancelled)
            await #expect(throws: ContractClosed.cancelled) { try await fixture.roundTrip(.signIn(.portal)) }
        }
    }

    @Test("ログイン方法の設定 asks a Google contractor to sign in again after 10 minutes", arguments: StoreKind.available)
    func loginMethod(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let fixture = FederationFixture(store)
            _ = try await fixture.googleContract()
            let menu = try await Self.menuSession(fixture)
            try fixture.services.changeLoginEmail.requireAvailable(in: menu)
            fixture.services.clock.advance(by: RecentSignIn.window + 1)
            let stale = try #require(try await fixture.services.sessions.resume(menu.token, client: fixture.client))
            #expect(throws: RecentSignInRequired()) { try fixture.services.changeLoginEmail.requireAvailable(in: stale) }
        }
    }
}
