import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// The words index's part of a search (``SQLDirectory/wordQuery``): people sorted after the seeded
/// ones, so no walk from the start reaches them, whose names share words and pairs of words (with
/// one space or two), begin words with the same letters, or hold the term inside a word or in the
/// email only.
@Suite("Admin console: search through the words of names")
struct DirectoryWordSearchTests {
    static let names: [(name: String, email: String)] = [
        ("龠 美咲", "a1@example.jp"), ("龠 美咲子", "a2@example.jp"), ("龠 美香", "a3@example.jp"),
        ("龠 美咲 美咲子", "a4@example.jp"), ("龠 亜美咲", "a5@example.jp"), ("龠 太郎", "misaki@example.jp"),
        ("龠 ｍｉｓａｋｉ", "a6@example.jp"), ("龠 MISAKI", "a7@example.jp"), ("龠 Misaki", "a8@example.jp"),
        ("龠 misakiko", "a9@example.jp"), ("龠龠 美咲", "b1@example.jp"), ("龠 Ｍｉｓａｋｉ 美咲", "b2@example.jp"),
        ("龠  美咲", "b3@example.jp"), ("龠 美咲　太郎", "b4@example.jp"),
    ] + (1...20).map { ("龠 x\($0)", "x\($0)@example.jp") }

    @Test("terms of one or two words find exactly the people who hold them, at a word's start or elsewhere, in list order across pages",
          arguments: StoreKind.available)
    func matchesBruteForce(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let contract = try await Self.seed(store)
            let everyone = try await DirectorySearchIndexTests.people(of: contract, in: store)
            for term in ["美咲", "美", "misaki", "ＭＩＳ", "咲子", "龠", "misakik", "x1", "x", "咲", "a", "ｘ２０", "美咲子", "zz",
                         "龠 美咲", "龠 美", "龠  美咲", "美咲 美", "咲 美", "龠 x1", "龠 ｍｉｓ", "美咲 太", "龠 美咲 美"] {
                let folded = DirectorySearch.fold(term)
                let expected = everyone.filter { $0.searchText.range(of: folded, options: .literal) != nil }.map(\.id)
                // Small pages cross words and cursors; a term most people hold is read in larger ones.
                for pageSize in expected.count > 60 ? [50] : [2, 5] {
                    #expect(try await DirectorySearchIndexTests.allPages(of: contract, search: term, pageSize: pageSize, in: store) == expected, "\(term)")
                }
            }
        }
    }

    @Test("a word or a full name many share is read from the words index by its key, not sorted from every match",
          arguments: StoreKind.available)
    func queryPlan(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let contract = try await Self.seed(store)
            if kind == .postgres { try await store.backend.withTransaction { db in try await db.raw("ANALYZE").run() } }
            for term in ["美咲", "龠 美咲"] {
                let plan = try await DirectoryBenchmark(store: store).plan(contract, DirectoryQuery(search: term, after: nil), preferIndexes: true)
                let readsWords = kind == .sqlite
                    ? plan.contains("SEARCH p USING PRIMARY KEY (contract_id=? AND word=?")
                    : plan.contains("people_name_words_pkey") && !plan.contains("Seq Scan")
                #expect(readsWords, "\(term): \(plan)")
            }
        }
    }

    /// The seeded people plus ``names``, all in one contract.
    static func seed(_ store: SQLStore) async throws -> ContractID {
        let now = DirectorySearchIndexTests.now
        let (contract, _) = try await PeopleSeeder(store: store).seed(
            people: DirectorySearchIndexTests.seededPeople, passwordHashes: ["x"], now: now)
        try await store.transaction { tx in
            for (name, email) in names {
                _ = try await tx.people.insert(Person(
                    id: .random(), contractID: contract, email: EmailAddress(parsing: email)!, name: name,
                    role: .user, loginMethod: .password, createdAt: now))
            }
        }
        return contract
    }
}
