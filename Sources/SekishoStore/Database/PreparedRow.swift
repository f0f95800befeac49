import PostgresNIO
import SQLKit

/// A row of a statement prepared through PostgresNIO's `prepare(query:)`. Its columns arrive in
/// binary, as every result does (PostgresNIO asks for binary in each Bind), but that API describes
/// them as text (PostgresNIO 1.33), so a number read through PostgresKit's row fails; here every
/// cell is read as binary. Reads what Sekisho's prepared statements return: text and integers.
struct PreparedRow: SQLRow {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool { try cell(column).bytes == nil }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let cell = try cell(column)
        guard let decodable = type as? any PostgresDecodable.Type else { throw Unreadable(column: column, type: type) }
        return try Self.decode(cell, as: decodable) as! D
    }

    private static func decode<T: PostgresDecodable>(_ cell: PostgresCell, as type: T.Type) throws -> T {
        try cell.decode(T.self)
    }

    private func cell(_ column: String) throws -> PostgresCell {
        guard cells.contains(column) else { throw Missing(column: column) }
        let cell = cells[column]
        return PostgresCell(bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName, columnIndex: cell.columnIndex)
    }

    struct Missing: Error, CustomStringConvertible {
        let column: String
        var description: String { "a prepared statement returns no column \(column)" }
    }

    struct Unreadable: Error, CustomStringConvertible {
        let column: String
        let type: Any.Type
        var description: String { "a prepared statement's column \(column) cannot be read as \(type)" }
    }
}
