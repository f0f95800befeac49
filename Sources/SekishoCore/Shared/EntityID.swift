import Foundation

/// A typed identifier: a random UUID stored as lower-case text, so a contract id can never be passed
/// where a person id is expected.
public struct EntityID<Entity>: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Parses untrusted text (a path or form value): only a canonical UUID is accepted.
    public init?(parsing text: String) {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else { return nil }
        self.rawValue = uuid.uuidString.lowercased()
    }

    public static func random() -> Self { Self(rawValue: UUID().uuidString.lowercased()) }

    public var description: String { rawValue }
}

public typealias ContractID = EntityID<Contract>
public typealias PersonID = EntityID<Person>
public typealias ApplicationID = EntityID<ContractApplication>
