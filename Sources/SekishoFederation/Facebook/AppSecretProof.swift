import Crypto
import Foundation
import SekishoCore

/// Facebook's `appsecret_proof`: lower-case hex HMAC-SHA256 of the access token keyed with the app
/// secret. With "Require App Secret" on, Graph API calls without it are refused, so a leaked user
/// token is useless without the secret.
enum AppSecretProof {
    static func make(accessToken: String, appSecret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(accessToken.utf8), using: SymmetricKey(data: Data(appSecret.utf8))).hexString
    }
}
