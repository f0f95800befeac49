import Foundation
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// More people than one walk (``SQLDirectory/walkLength``), so searches take the index's step too.
@Suite("Admin console: search beyond one walk, through the index")
struct DirectorySearchIndexTests {
    static let now = Date(unixSeconds: 1_800_000_000)
    static let seededPeople = SQLDirectory.walkLength + 200

    @Test("a search returns exactly the people whose name or email holds the term, in name order, page by page", arguments: StoreKind.available)
    func matchesBruteForce(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (ours, _) = try await PeopleSeeder(store: store).seed(people: Self.seededPeople, passwordHashes: ["x"], now: Self.now)
            _ = try await PeopleSeeder(store: store).seed(people: 50, passwordHashes: ["x"], now: Self.now)
            let everyone = try await Self.people(of: ours, in: store)
            let terms = ["佐藤", "藤", "ｓａｔｏ", "SUZUKI", "user6", "user69", "-", "@seed", "太郎 1", "高橋", "美咲", "橋 美咲", "鈴木 ren 6", "zzz", "9", "ｹﾝ"]
            for term in terms {
                let folded = DirectorySearch.fold(term)
                let expected = everyone.filter { $0.searchText.range(of: folded, options: .literal) != nil }.map(\.id)
                #expect(try await Self.allPages(of: ours, search: term, in: store) == expected, "\(term)")
            }
        }
    }

    @Test("an email change and a removal reach the index at once", arguments: StoreKind.available)
    func indexFollowsWrites(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (ours, _) = try await PeopleSeeder(store: store).seed(people: Self.seededPeople, passwordHashes: ["x"], now: Self.now)
            // Sorted after everyone, so the walk from the start never reaches them: only the index can.
            let last = Person(
                id: .random(), contractID: ours, email: EmailAddress(parsing: "last.one@example.jp")!, name: "龠 最後",
                role: .user, loginMethod: .password, createdAt: Self.now)
            try await store.transaction { tx in _ = try await tx.people.insert(last) }
            #expect(try await Self.allPages(of: ours, search: "LAST.ONE", in: store) == [last.id.rawValue])
            #expect(try await Self.allPages(of: ours, search: "最後", in: store) == [last.id.rawValue])

            let changed = try await store.transaction { tx in
                try await tx.directory.changeEmail(of: last.id, to: EmailAddress(parsing: "final@example.jp")!)
            }
            #expect(changed)
            #expect(try await Self.allPages(of: ours, search: "final@", in: store) == [last.id.rawValue])
            #expect(try await Self.allPages(of: ours, search: "last.one", in: store).isEmpty)
            #expect(try await Self.allPages(of: ours, search: "最後", in: store) == [last.id.rawValue], "the name is still found")

            let deleted = try await store.transaction { tx in try await tx.directory.delete(last.id, in: ours) }
            #expect(deleted)
            #expect(try await Self.allPages(of: ours, search: "最後", in: store).isEmpty)
            let words = try await store.backend.withReader { db in
                try await db.raw("SELECT count(*) AS n FROM people_name_words WHERE id = \(bind: last.id.rawValue)").first()?.integer("n")
            }
            #expect(words == 0, "a removed person's words leave the words index")
        }
    }

    @Test("a search's indexed step reads the search index, not every person", arguments: StoreKind.available)
    func queryPlan(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (ours, _) = try await PeopleSeeder(store: store).seed(people: Self.seededPeople, passwordHashes: ["x"], now: Self.now)
            if kind == .postgres { try await store.backend.withTransaction { db in try await db.raw("ANALYZE people").run() } }
            let plan = try await DirectoryBenchmark(store: store).plan(ours, DirectoryQuery(search: "高橋 美咲 1", after: nil), preferIndexes: true)
            let readsIndex = kind == .sqlite
                ? plan.contains("SCAN people_search VIRTUAL TABLE INDEX") && plan.contains("SEARCH p USING INDEX people_search_key")
                : plan.contains("Bitmap Index Scan on people_search") && !plan.contains("Seq Scan")
            #expect(readsIndex && !plan.contains("people_directory") && !plan.contains("people_contract"), "\(plan)")
        }
    }

    @Test("upgrading a database that has people indexes them all", arguments: StoreKind.available)
    func upgradeIndexesExistingPeople(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (ours, _) = try await PeopleSeeder(store: store).seed(people: Self.seededPeople, passwordHashes: ["x"], now: Self.now)
            let undo = kind == .sqlite
                ? ["DROP TRIGGER people_name_words_insert", "DROP TRIGGER people_name_words_update", "DROP TRIGGER people_name_words_delete",
                   "DROP TABLE people_name_words",
                   "DROP TRIGGER people_search_insert", "DROP TRIGGER people_search_update", "DROP TRIGGER people_search_delete",
                   "DROP TABLE people_search", "DROP INDEX people_search_key", "ALTER TABLE people DROP COLUMN search_key",
                   "ALTER TABLE people DROP COLUMN search_text"]
                : ["DROP TRIGGER people_name_words ON people", "DROP TABLE people_name_words",
                   "DROP INDEX people_search", "ALTER TABLE people DROP COLUMN search_text"]
            let migrations = [DirectorySearchSchema.migration.id, DirectoryWordsSchema.migration.id, DirectoryWordPairsSchema.migration.id]
            try await store.backend.withTransaction { db in
                for statement in undo { try await db.raw("\(unsafeRaw: statement)").run() }
                try await db.raw("DELETE FROM schema_migrations WHERE id IN (\(binds: migrations))").run()
            }
            #expect(try await store.migrate() == migrations)
            let everyone = try await Self.people(of: ours, in: store)
            let takahashi = everyone.filter { $0.searchText.contains("高橋 美咲") }.map(\.id)
            let found = try await Self.allPages(of: ours, search: "高橋 美咲", in: store)
            #expect(!takahashi.isEmpty && found == takahashi)
            let misaki = everyone.filter { $0.searchText.contains("美咲") }.map(\.id)
            #expect(try await Self.allPages(of: ours, search: "美咲", in: store) == misaki, "the words index is filled too")
        }
    }

    @Test("upgrading from the words index of 012 adds the pairs of everyone already there", arguments: StoreKind.available)
    func upgradeAddsPairs(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let (ours, _) = try await PeopleSeeder(store: store).seed(people: Self.seededPeople, passwordHashes: ["x"], now: Self.now)
            let pairs = { try await store.backend.withReader { db in
                try await db.raw("SELECT count(*) AS n FROM people_name_words WHERE substr(word, 1, 1) = \(bind: String(DirectorySearch.pairMark))")
                    .first()?.integer("n") ?? 0
            } }
            let seeded = try await pairs()
            try await store.backend.withTransaction { db in
                try await db.raw("DELETE FROM people_name_words WHERE substr(word, 1, 1) = \(bind: String(DirectorySearch.pairMark))").run()
                try await db.raw("DELETE FROM schema_migrations WHERE id = \(bind: DirectoryWordPairsSchema.migration.id)").run()
            }
            #expect(try await pairs() == 0)
            #expect(try await store.migrate() == [DirectoryWordPairsSchema.migration.id])
            let upgraded = try await pairs()
            #expect(seeded >= 2 * (Self.seededPeople - 1) && upgraded == seeded, "surname and given name, given name and number")
            let fullName = try await Self.people(of: ours, in: store).filter { $0.searchText.contains("佐藤 美咲") }.map(\.id)
            #expect(try await Self.allPages(of: ours, search: "佐藤 美咲", in: store) == fullName)
        }
    }

    @Test("PostgreSQL's index function holds exactly the runs Sekisho computes")
    func postgresGramsMatchSwift() async throws {
        guard StoreKind.available.contains(.postgres) else { return }
        try await withTestStore(.postgres) { store async throws in
            let texts = [
                DirectorySearch.text(name: "渡辺 Ｍｉｋｉ 🇯🇵 é", email: "miki.watanabe+x@example.co.jp"),
                DirectorySearch.text(name: " a  b ", email: "c d"), DirectorySearch.text(name: "", email: "a b"), "", "\u{1F}",
                DirectorySearch.text(name: "佐藤  美咲 佐藤 美咲 x", email: "a@b.jp"), "a b\u{1F}c d\u{1F}e f",
            ]
            for text in texts {
                let (grams, words) = try await store.backend.withReader { db in
                    (try await db.raw("SELECT unnest(sekisho_search_grams(\(bind: text))) AS gram").all().map { try $0.text("gram") },
                     try await db.raw("SELECT sekisho_name_words(\(bind: text)) AS word").all().map { try $0.text("word") })
                }
                #expect(Set(grams) == DirectorySearch.indexGrams(of: text) && grams.count == Set(grams).count, "\(text)")
                #expect(Set(words) == DirectorySearch.wordKeys(of: text) && words.count == Set(words).count, "\(text)")
            }
        }
    }

    struct Seeded {
        let id: String
        let searchText: String
    }

    /// Everyone of the contract in (name, id) order, as the list sorts them.
    static func people(of contract: ContractID, in store: SQLStore) async throws -> [Seeded] {
        try await store.backend.withReader { db in
            try await db.raw("SELECT id, name, email FROM people WHERE contract_id = \(bind: contract.rawValue) ORDER BY name, id").all()
                .map { Seeded(id: try $0.text("id"), searchText: DirectorySearch.text(name: try $0.text("name"), email: try $0.text("email"))) }
        }
    }

    static func allPages(of contract: ContractID, search: String, pageSize: Int = 40, in store: SQLStore) async throws -> [String] {
        var found: [String] = []
        var after: String?
        repeat {
            let query = DirectoryQuery(search: search, after: after, limit: pageSize)
            let rows = try await store.read { tx in try await tx.directory.list(contract, query: query) }
            let page = rows.prefix(query.limit).map(\.person.id.rawValue)
            found += page
            after = rows.count > query.limit ? page.last : nil
        } while after != nil
        return found
    }
}
