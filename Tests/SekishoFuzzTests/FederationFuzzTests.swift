import Foundation
import PropertyBased
import SekishoCore
@testable import SekishoFederation
import SekishoStore
import SekishoTestSupport
import Testing

/// Issue 10, item 2, for Google and Facebook: the parameters of the provider's redirect back
/// (`state`, `code`, `error`, `iss`) and the ID token's header, as anyone can forge them.
@Suite("Fuzzing the provider callback")
struct FederationFuzzTests {
    /// Each run starts a real round trip first, so hostile values reach past the `state` lookup too.
    static let callbackRuns = 2_000

    @Test("callback parameters: hostile state, code, error and iss end in a refusal, never a sign-in, a record or a crash")
    func callback() async throws {
        try await withTestStore(.sqlite) { store in
            let services = TestServices(store: store)
            let google = FakeIdentityProvider(.google)
            let federation = services.federation([google])
            let browser = try #require(try await services.sessions.resume(try await services.sessions.startAnonymous(), client: TestServices.client))
            let text = HostileInput.text
            await propertyCheck(count: Self.callbackRuns, input: text, text, text, Gen<Int>.int(in: 0...3)) { code, error, issuer, shape in
                let url = try? await federation.start.execute(.google, purpose: .signIn(.portal), session: browser, client: TestServices.client)
                let realState = url.flatMap(FakeIdentityProvider.state(in:))
                // Which parts are hostile: the state, or the rest with the real state.
                let callback = ProviderCallback(
                    state: shape == 0 ? code : realState, code: shape == 3 ? nil : code, error: shape == 2 ? error : nil,
                    issuer: shape == 1 ? issuer : nil)
                do {
                    _ = try await federation.finish.execute(.google, callback: callback, session: browser, client: TestServices.client)
                    Issue.record("a forged callback was accepted: \(callback)")
                } catch is FederationError {
                } catch {
                    Issue.record("not a refusal: \(error)")
                }
            }
            let kinds = try await store.read { try await $0.audit.recent(limit: 500, person: nil) }.map(\.event.kind)
            #expect(!kinds.contains(.signInSucceeded) && !kinds.contains(.applicationSubmitted))
            #expect(kinds.contains(.federationFailed), "the refusals are audited")
        }
    }

    @Test("ID token headers: hostile compact tokens parse or are refused; a parse has a kid and a known algorithm")
    func idTokenHeaders() async {
        await propertyCheck(count: HostileInput.runs, input: HostileInput.text, HostileInput.text) { first, second in
            let header = Base64URL.encode(Data(#"{"alg":"\#(first)","kid":"\#(second)"}"#.utf8))
            for token in [first, "\(header).\(second).x", "\(first).\(second).\(first)"] {
                guard let parsed = try? IDTokenHeader(token: token) else { continue }
                #expect(!parsed.kid.isEmpty)
            }
        }
    }
}
