import Foundation
import SekishoCore
import SQLiteKit

/// The Swift functions behind SQLite's search indexes (``DirectorySearchSchema``,
/// ``DirectoryWordsSchema``), called by the triggers that keep them:
/// - `sekisho_search_grams(search_text)`: the person's runs of characters as FTS5 terms. Each run
///   is written as the hex of its UTF-8 bytes, so the tokenizer takes it whole, whatever its characters.
/// - `sekisho_name_words(search_text)`: the words index's keys (the name's words and marked pairs of
///   words), as a JSON array for `json_each`.
enum SQLiteSearchGrams {
    static let functions = [
        SQLiteCustomFunction("sekisho_search_grams", argumentCount: 1, pure: true, indirect: true) { arguments in
            guard case .text(let searchText) = arguments[0] else { return "" }
            return terms(DirectorySearch.indexGrams(of: searchText).sorted())
        },
        SQLiteCustomFunction("sekisho_name_words", argumentCount: 1, pure: true, indirect: true) { arguments in
            guard case .text(let searchText) = arguments[0] else { return "[]" }
            return String(decoding: try JSONEncoder().encode(DirectorySearch.wordKeys(of: searchText).sorted()), as: UTF8.self)
        },
    ]

    /// An FTS5 query that holds, for each entry, one of its runs.
    static func match(_ alternatives: [[String]]) -> String {
        alternatives.map { "(" + $0.map { "\"\(hex($0))\"" }.joined(separator: " OR ") + ")" }.joined(separator: " AND ")
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
