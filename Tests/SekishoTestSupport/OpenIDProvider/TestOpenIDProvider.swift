public import Foundation
import Hummingbird
import Logging
import NIOCore
public import SekishoCore
import Synchronization

/// A test-only OpenID provider and Facebook-like Graph API on a loopback port, with real keys and
/// real signed ID tokens, so the federation clients run their whole protocol against it.
///
/// There is no login page: a test plays the person by calling ``issueCode(subject:email:emailVerified:name:nonce:codeChallenge:redirectURI:fault:)``
/// (or ``approve(_:subject:email:emailVerified:name:fault:)`` with the authorization URL) and then
/// hands the code to the client. Knobs break one thing at a time for negative tests.
///
/// Served endpoints: `/.well-known/openid-configuration`, `/jwks`, `/token`, under
/// ``facebookGraphURL`` `/oauth/access_token`, `/debug_token`, `/me`, and Pwned Passwords' range
/// endpoint under ``pwnedPasswordsRangeURL``.
public final class TestOpenIDProvider: Sendable {
    public let issuer: String
    public let clientID: String
    public let clientSecret: String
    public let redirectURI: String
    public let facebookAppID: String
    public let facebookAppSecret: String
    public let facebookRedirectURI: String
    let clock: any WallClock
    let state: Mutex<TestProviderState>
    private let runner: Mutex<Task<Void, Never>?> = Mutex(nil)

    private init(port: Int, settings: Settings, signingKey: TestSigningKey, clock: any WallClock) {
        self.issuer = "http://127.0.0.1:\(port)"
        self.clientID = settings.clientID
        self.clientSecret = settings.clientSecret
        self.redirectURI = settings.redirectURI
        self.facebookAppID = settings.facebookAppID
        self.facebookAppSecret = settings.facebookAppSecret
        self.facebookRedirectURI = settings.facebookRedirectURI
        self.clock = clock
        self.state = Mutex(TestProviderState(signingKey: signingKey))
    }

    /// The registration of the relying party at this provider.
    public struct Settings: Sendable {
        public var clientID = "sekisho-test-client"
        public var clientSecret = "GOCSPX-test-client-secret-0123456789"
        public var redirectURI = "http://127.0.0.1:8080/federation/google/callback"
        public var facebookAppID = "100200300400"
        public var facebookAppSecret = "test-facebook-app-secret"
        public var facebookRedirectURI = "http://127.0.0.1:8080/federation/facebook/callback"

        public init() {}
    }

    /// Starts a provider on a free loopback port. Call ``stop()`` when done, or use
    /// ``withRunning(settings:algorithm:clock:_:)``.
    /// - Parameter clock: the time the provider writes into `iat`/`exp`; hand in the test's clock.
    public static func start(
        settings: Settings = Settings(), algorithm: TestSigningAlgorithm = .es256, clock: any WallClock = SystemWallClock()
    ) async throws -> TestOpenIDProvider {
        let key = try TestSigningKey.generate(algorithm, kid: "key-1")
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let holder = ProviderHolder()
        let router = Router()
        ProviderRoutes(holder: holder).register(on: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "test-openid-provider", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task {
            try? await app.runService(gracefulShutdownSignals: [])
            portSink.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw TestProviderError.didNotStart
        }
        let provider = TestOpenIDProvider(port: port, settings: settings, signingKey: key, clock: clock)
        holder.set(provider)
        provider.runner.withLock { $0 = task }
        return provider
    }

    /// Runs `body` with a started provider and stops it afterwards, whatever `body` does.
    public static func withRunning<T: Sendable>(
        settings: Settings = Settings(), algorithm: TestSigningAlgorithm = .es256, clock: any WallClock = SystemWallClock(),
        _ body: (TestOpenIDProvider) async throws -> T
    ) async throws -> T {
        let provider = try await start(settings: settings, algorithm: algorithm, clock: clock)
        do {
            let result = try await body(provider)
            await provider.stop()
            return result
        } catch {
            await provider.stop()
            throw error
        }
    }

    /// Stops the server; requests still waiting on a ``setResponseDelay(_:)`` are cancelled.
    public func stop() async {
        let task = runner.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    // MARK: URLs

    public var discoveryURL: String { issuer + "/.well-known/openid-configuration" }
    public var facebookGraphURL: String { issuer + "/graph/v19.0" }
    public var facebookDialogURL: String { issuer + "/dialog/oauth" }
}

/// The provider could not bind its port.
public enum TestProviderError: Error, Sendable {
    case didNotStart
    case invalidAuthorizationURL(String)
}
