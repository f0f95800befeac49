public import Foundation
import SekishoCore

/// This service's Facebook app and the Facebook endpoints of the manual login flow (Graph API
/// version pinned in the URLs).
public struct FacebookConfiguration: Sendable, Equatable {
    public var appID: String
    /// Used at the code exchange, for the app access token of `debug_token` and as the key of
    /// `appsecret_proof`; never logged.
    public var appSecret: String
    /// The exact redirect URI registered for the app; the same value goes in the dialog URL and in
    /// the code exchange.
    public var redirectURI: String
    /// The redirect URI on the line-auth entrance (SPEC D1), registered at the provider as well: a
    /// round trip begun there comes back there, where its session cookie and the gateway's line are.
    public var lineRedirectURI: String?
    public var dialogURL: String
    public var graphURL: String
    public var scopes: [String]
    /// Seconds allowed for each Graph API request.
    public var timeout: TimeInterval

    public init(
        appID: String,
        appSecret: String,
        redirectURI: String,
        dialogURL: String = "https://www.facebook.com/v19.0/dialog/oauth",
        graphURL: String = "https://graph.facebook.com/v19.0",
        scopes: [String] = ["email", "public_profile"],
        timeout: TimeInterval = 10
    ) {
        self.appID = appID
        self.appSecret = appSecret
        self.redirectURI = redirectURI
        self.dialogURL = dialogURL
        self.graphURL = graphURL
        self.scopes = scopes
        self.timeout = timeout
    }

    var isConfigured: Bool {
        !appID.isEmpty && !appSecret.isEmpty && !redirectURI.isEmpty
    }

    /// The redirect URI of the entrance `transaction` was begun at.
    func redirectURI(for transaction: AuthorizationTransaction) -> String {
        transaction.viaLineEntrance ? lineRedirectURI ?? redirectURI : redirectURI
    }


    /// `graphURL` joined with `path` (which starts with `/`).
    func graph(_ path: String) -> String {
        var base = graphURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
