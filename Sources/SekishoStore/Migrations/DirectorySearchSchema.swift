import SekishoCore
import SQLKit

/// The admin console's search index (``DirectorySearch``): each person's folded search text, and an
/// index of its runs of one to three characters.
///
/// - SQLite: an FTS5 table without content (`detail=none`: no positions, a few bytes per run),
///   written by triggers on `people` through `sekisho_search_grams` (``SQLiteSearchGrams``). Its
///   rows are keyed by `people.search_key`, an ordinary column: VACUUM may renumber the rowids of a
///   table without an INTEGER PRIMARY KEY, which would silently detach the index.
/// - PostgreSQL: a GIN index over the runs computed by an immutable SQL function; nothing is stored
///   beside the index.
enum DirectorySearchSchema {
    static let migration = Migration(id: "005_directory_search") { db in
        try await db.alter(table: "people").column("search_text", type: .text, .notNull, .default("")).run()
        for row in try await db.select().columns("id", "name", "email").from("people").all() {
            try await db.update("people")
                .set("search_text", to: DirectorySearch.text(name: try row.text("name"), email: try row.text("email")))
                .where("id", .equal, try row.text("id")).run()
        }
        if db.dialect.name == "sqlite" {
            try await sqliteIndex(db)
        } else {
            try await postgresIndex(db)
        }
    }

    private static func sqliteIndex(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "people").column("search_key", type: .bigint).run()
        try await db.raw("UPDATE people SET search_key = rowid").run()
        try await db.create(index: "people_search_key").unique().on("people").column("search_key").run()
        try await db.raw("""
            CREATE VIRTUAL TABLE people_search USING fts5(
                grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')
            """).run()
        try await db.raw("""
            INSERT INTO people_search (rowid, grams) SELECT search_key, sekisho_search_grams(search_text) FROM people
            """).run()
        try await db.raw("""
            CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
                UPDATE people SET search_key = (SELECT coalesce(max(search_key), 0) + 1 FROM people) WHERE rowid = new.rowid;
                INSERT INTO people_search (rowid, grams)
                    SELECT search_key, sekisho_search_grams(search_text) FROM people WHERE rowid = new.rowid;
            END
            """).run()
        try await db.raw("""
            CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
                DELETE FROM people_search WHERE rowid = old.search_key;
                INSERT INTO people_search (rowid, grams) VALUES (new.search_key, sekisho_search_grams(new.search_text));
            END
            """).run()
        try await db.raw("""
            CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
                DELETE FROM people_search WHERE rowid = old.search_key;
            END
            """).run()
    }

    /// The function mirrors ``DirectorySearch/indexGrams(of:)``: PostgreSQL's `substr` and
    /// `char_length` count code points, as the Swift side counts Unicode scalars.
    private static func postgresIndex(_ db: any SQLDatabase) async throws {
        try await db.raw("""
            CREATE OR REPLACE FUNCTION sekisho_search_grams(search_text text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT substr(part, start, length)), '{}')
                FROM unnest(string_to_array(search_text, chr(31))) AS part,
                     generate_series(1, \(unsafeRaw: String(DirectorySearch.gramLength))) AS length,
                     generate_series(1, char_length(part) - length + 1) AS start
            $$
            """).run()
        try await db.raw("CREATE INDEX people_search ON people USING gin (sekisho_search_grams(search_text))").run()
    }
}
