import Foundation
import Logging
import SekishoCore

/// The provider's signing keys (its JWKS), fetched on first use.
///
/// A token whose `kid` is not in the cache triggers one refetch, which is how a key rotation is
/// picked up. Refetches are at most one per ``minimumRefetchInterval`` of the injected clock, so a
/// stream of tokens naming made-up key ids cannot turn Sekisho into a load generator against the
/// provider. Keys older than ``maximumAge`` are refetched before use, so a key the provider has
/// withdrawn stops being trusted.
actor JWKSCache {
    static let minimumRefetchInterval: TimeInterval = 60
    static let maximumAge: TimeInterval = 24 * 60 * 60

    private let http: ProviderHTTP
    private let clock: any WallClock
    private let logger: Logger
    private var keys: [PublishedKey] = []
    /// When the cached keys were fetched; `nil` until the first successful fetch.
    private var fetchedAt: Date?
    /// When a fetch last started, successful or not: the rate limit counts attempts.
    private var lastAttempt: Date?
    private var inFlight: Task<[PublishedKey], any Error>?

    init(http: ProviderHTTP, clock: any WallClock, logger: Logger) {
        self.http = http
        self.clock = clock
        self.logger = logger
    }

    /// The published key `kid` that can verify `algorithm`, fetching or refetching the JWKS at
    /// `uri` as described above. Throws `.invalidResponse("unknown kid")` when there is none.
    func key(kid: String, algorithm: IDTokenAlgorithm, uri: String) async throws(FederationFailure) -> PublishedKey {
        let now = clock.now()
        if let fetchedAt, now.timeIntervalSince(fetchedAt) < Self.maximumAge {
            if let key = lookup(kid, algorithm) { return key }
            if let lastAttempt, now.timeIntervalSince(lastAttempt) < Self.minimumRefetchInterval {
                logger.info("oidc token names an unknown kid; jwks refetch rate limited")
                throw .invalidResponse("unknown kid")
            }
        }
        try await refresh(uri)
        if let key = lookup(kid, algorithm) { return key }
        throw .invalidResponse("unknown kid")
    }

    private func lookup(_ kid: String, _ algorithm: IDTokenAlgorithm) -> PublishedKey? {
        keys.first { $0.kid == kid && $0.canVerify(algorithm) }
    }

    /// One fetch shared by every caller that needs it at the same moment.
    private func refresh(_ uri: String) async throws(FederationFailure) {
        let task: Task<[PublishedKey], any Error>
        if let inFlight {
            task = inFlight
        } else {
            let http = self.http
            task = Task { try SigningKeySet.parse(await http.get(uri)) }
            inFlight = task
            lastAttempt = clock.now()
        }
        do {
            let fetched = try await task.value
            inFlight = nil
            keys = fetched
            fetchedAt = clock.now()
            logger.debug("oidc jwks fetched", metadata: ["keys": "\(fetched.count)"])
        } catch {
            inFlight = nil
            throw FederationFailure.from(error)
        }
    }
}
