public import AsyncHTTPClient

extension HTTPClient {
    /// The client for sign-in providers: the shared client's settings, but a redirect is never
    /// followed (a token endpoint or Graph API that redirects is refused, so a code or token never
    /// travels anywhere but the configured endpoint). Lives as long as the process.
    public static let federation: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
