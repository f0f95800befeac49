public import Foundation

/// A new-contract application (新規契約お申込み, SPEC A2) waiting for its email to be confirmed.
/// Nothing of the contract exists until the confirmation link's button is pressed.
public struct ContractApplication: Sendable, Equatable {
    public let id: ApplicationID
    public let email: EmailAddress
    public let companyName: String
    public let applicantName: String
    public let plan: Plan
    /// The chosen password, already hashed (PHC string; the plain text is never kept), or the
    /// provider account the applicant signed in with.
    public let credential: LoginCredential
    public let createdAt: Date

    public var loginMethod: LoginMethod { credential.loginMethod }

    public init(
        id: ApplicationID, email: EmailAddress, companyName: String, applicantName: String,
        plan: Plan, credential: LoginCredential, createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.companyName = companyName
        self.applicantName = applicantName
        self.plan = plan
        self.credential = credential
        self.createdAt = createdAt
    }
}
