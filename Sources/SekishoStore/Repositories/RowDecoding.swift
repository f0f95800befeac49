import Foundation
import SekishoCore
import SQLKit

/// Typed reads of the columns Sekisho stores.
extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func integer(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func date(_ column: String) throws -> Date { Date(unixSeconds: try integer(column)) }
    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(unixSeconds:))
    }

    /// A stored enum value; an unknown one means the row was written by something newer or broken.
    func value<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value where Value.RawValue == String {
        let raw = try text(column)
        guard let value = Value(rawValue: raw) else { throw CorruptRow(column: column, value: raw) }
        return value
    }

    func email(_ column: String) throws -> EmailAddress {
        let raw = try text(column)
        guard let email = EmailAddress(parsing: raw) else { throw CorruptRow(column: column, value: raw) }
        return email
    }
}

/// A stored value that Sekisho could not have written.
struct CorruptRow: Error, CustomStringConvertible {
    let column: String
    let value: String

    var description: String { "unexpected value in column \(column)" }
}
