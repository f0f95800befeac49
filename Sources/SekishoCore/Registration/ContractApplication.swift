public import Foundation

/// A new-contract application (新規契約お申込み, SPEC A2) waiting for its email to be confirmed.
/// Nothing of the contract exists until the confirmation link's button is pressed.
public struct ContractApplication: Sendable, Equatable {
    public let id: ApplicationID
    public let email: EmailAddress
    public let companyName: String
    public let applicantName: String
    public let plan: Plan
    public let loginMethod: LoginMethod
    /// The chosen password, already hashed (PHC string); the plain text is never kept.
    public let passwordHash: String
    public let createdAt: Date

    public init(
        id: ApplicationID, email: EmailAddress, companyName: String, applicantName: String,
        plan: Plan, loginMethod: LoginMethod, passwordHash: String, createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.companyName = companyName
        self.applicantName = applicantName
        self.plan = plan
        self.loginMethod = loginMethod
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
