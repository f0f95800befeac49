import Foundation
import Logging
import SekishoCore

/// The provider's discovery document, fetched on first use and kept for the life of the process.
/// Concurrent first uses share one fetch; a failed fetch is not kept, so the next sign-in retries.
actor DiscoveryCache {
    private let configuration: OpenIDConnectConfiguration
    private let http: ProviderHTTP
    private let logger: Logger
    private var document: DiscoveryDocument?
    private var inFlight: Task<DiscoveryDocument, any Error>?

    init(configuration: OpenIDConnectConfiguration, http: ProviderHTTP, logger: Logger) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
    }

    func current() async throws(FederationFailure) -> DiscoveryDocument {
        if let document { return document }
        let task: Task<DiscoveryDocument, any Error>
        if let inFlight {
            task = inFlight
        } else {
            let (http, url, issuer) = (http, configuration.discoveryURL, configuration.issuer)
            task = Task { try await DiscoveryDocument(answer: http.get(url), expectedIssuer: issuer) }
            inFlight = task
        }
        do {
            let fetched = try await task.value
            inFlight = nil
            document = fetched
            logger.debug("oidc discovery fetched", metadata: ["issuer": "\(fetched.issuer)"])
            return fetched
        } catch {
            inFlight = nil
            throw FederationFailure.from(error)
        }
    }
}
