public import Foundation

/// Someone who signs in: the contractor, an admin or a user of one contract. The email is the ID.
public struct Person: Sendable, Equatable {
    public let id: PersonID
    public let contractID: ContractID
    public var email: EmailAddress
    public var name: String
    public var role: Role
    public var loginMethod: LoginMethod
    public let createdAt: Date
    /// `invited` until the person completes registration by the invitation link (SPEC E2).
    public var status: PersonStatus

    public init(
        id: PersonID, contractID: ContractID, email: EmailAddress, name: String,
        role: Role, loginMethod: LoginMethod, createdAt: Date, status: PersonStatus = .active
    ) {
        self.id = id
        self.contractID = contractID
        self.email = email
        self.name = name
        self.role = role
        self.loginMethod = loginMethod
        self.createdAt = createdAt
        self.status = status
    }
}

/// 契約者, 管理者権限を持つ利用者, 利用者 (SPEC A1).
public enum Role: String, Sendable, CaseIterable {
    case contractor
    case admin
    case user
}

/// ログイン方法: how this person proves who they are.
public enum LoginMethod: String, Sendable, CaseIterable {
    case password
    case google
    case facebook
}

/// Whether a person can sign in yet.
public enum PersonStatus: String, Sendable, CaseIterable {
    case active
    /// Registered by an admin (SPEC E1); the invitation link has not been used.
    case invited
}
