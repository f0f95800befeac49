import SekishoCore
import SQLiteKit

/// `sekisho_search_grams(search_text)`, called by the triggers that keep SQLite's search index
/// (``DirectorySearchSchema``): the person's runs of characters as FTS5 terms. Each run is written
/// as the hex of its UTF-8 bytes, so the tokenizer takes it whole, whatever its characters.
enum SQLiteSearchGrams {
    static let function = SQLiteCustomFunction("sekisho_search_grams", argumentCount: 1, pure: true, indirect: true) { arguments in
        guard case .text(let searchText) = arguments[0] else { return "" }
        return terms(DirectorySearch.indexGrams(of: searchText).sorted())
    }

    /// An FTS5 query that holds every gram (implicit AND).
    static func match(_ grams: [String]) -> String {
        grams.map { "\"\(hex($0))\"" }.joined(separator: " ")
    }

    static func terms(_ grams: [String]) -> String {
        grams.map(hex).joined(separator: " ")
    }

    private static func hex(_ gram: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in gram.utf8 {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
