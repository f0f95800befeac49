import SekishoCore
import SQLKit

/// The words index of the admin console's search (``DirectorySearch``): each word of each person's
/// name, with the contract and the list's sort key, so the people whose name has a word are read in
/// list order from one range. Kept by triggers on `people` on both databases; the search index is
/// rebuilt so that runs beginning a name's word carry their mark.
///
/// `word` compares by code point (SQLite's binary collation; PostgreSQL's "C"), so the words that
/// begin with a term are one range, up to ``DirectorySearch/prefixUpperBound(_:)``. `name` keeps the
/// database's own collation, the one the list sorts `people.name` by.
enum DirectoryWordsSchema {
    static let migration = Migration(id: "012_directory_words") { db in
        if db.dialect.name == "sqlite" {
            try await sqlite(db)
        } else {
            try await postgres(db)
        }
    }

    private static func sqlite(_ db: any SQLDatabase) async throws {
        try await db.raw("INSERT INTO people_search (people_search) VALUES ('delete-all')").run()
        try await db.raw("INSERT INTO people_search (rowid, grams) SELECT search_key, sekisho_search_grams(search_text) FROM people").run()
        try await db.raw("""
            CREATE TABLE people_name_words (
                contract_id TEXT NOT NULL, word TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL,
                PRIMARY KEY (contract_id, word, name, id)) WITHOUT ROWID
            """).run()
        try await db.raw("""
            INSERT INTO people_name_words
            SELECT p.contract_id, value, p.name, p.id FROM people p, json_each(sekisho_name_words(p.search_text))
            """).run()
        let insert = """
            INSERT INTO people_name_words
            SELECT new.contract_id, value, new.name, new.id FROM json_each(sekisho_name_words(new.search_text))
            """
        let delete = """
            DELETE FROM people_name_words WHERE contract_id = old.contract_id AND name = old.name AND id = old.id
                AND word IN (SELECT value FROM json_each(sekisho_name_words(old.search_text)))
            """
        try await db.raw("CREATE TRIGGER people_name_words_insert AFTER INSERT ON people BEGIN \(unsafeRaw: insert); END").run()
        try await db.raw("""
            CREATE TRIGGER people_name_words_update AFTER UPDATE OF contract_id, name, search_text ON people BEGIN
                \(unsafeRaw: delete); \(unsafeRaw: insert);
            END
            """).run()
        try await db.raw("CREATE TRIGGER people_name_words_delete AFTER DELETE ON people BEGIN \(unsafeRaw: delete); END").run()
    }

    /// The runs function mirrors ``DirectorySearch/indexGrams(of:)`` and the words function the words
    /// of ``DirectorySearch/wordKeys(of:)`` (migration 013 replaces it with one that gives the pairs
    /// too): PostgreSQL's `substr` and `char_length` count code points, as the Swift side counts
    /// Unicode scalars. The index over the runs is rebuilt with the function.
    private static func postgres(_ db: any SQLDatabase) async throws {
        try await db.raw("""
            CREATE OR REPLACE FUNCTION sekisho_search_grams(search_text text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT CASE
                    WHEN parts.idx = 1 AND substr(parts.part, start, 1) <> ' '
                        AND (start = 1 OR substr(parts.part, start - 1, 1) = ' ')
                    THEN chr(2) || substr(parts.part, start, length)
                    ELSE substr(parts.part, start, length) END), '{}')
                FROM unnest(string_to_array(search_text, chr(31))) WITH ORDINALITY AS parts(part, idx),
                     generate_series(1, \(unsafeRaw: String(DirectorySearch.gramLength))) AS length,
                     generate_series(1, char_length(parts.part) - length + 1) AS start
            $$
            """).run()
        try await db.raw("REINDEX INDEX people_search").run()
        try await db.raw("""
            CREATE OR REPLACE FUNCTION sekisho_name_words(search_text text) RETURNS SETOF text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT DISTINCT word FROM unnest(string_to_array(split_part(search_text, chr(31), 1), ' ')) AS word
                WHERE word <> ''
            $$
            """).run()
        try await db.raw("""
            CREATE TABLE people_name_words (
                contract_id text NOT NULL, word text COLLATE "C" NOT NULL, name text NOT NULL, id text NOT NULL,
                PRIMARY KEY (contract_id, word, name, id))
            """).run()
        try await db.raw("""
            INSERT INTO people_name_words SELECT p.contract_id, word, p.name, p.id FROM people p, sekisho_name_words(p.search_text) AS word
            """).run()
        try await db.raw("""
            CREATE OR REPLACE FUNCTION sekisho_people_name_words() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM people_name_words WHERE contract_id = OLD.contract_id AND name = OLD.name AND id = OLD.id
                        AND word IN (SELECT sekisho_name_words(OLD.search_text));
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO people_name_words SELECT NEW.contract_id, word, NEW.name, NEW.id FROM sekisho_name_words(NEW.search_text) AS word;
                END IF;
                RETURN NULL;
            END
            $$
            """).run()
        try await db.raw("""
            CREATE TRIGGER people_name_words AFTER INSERT OR DELETE OR UPDATE OF contract_id, name, search_text ON people
                FOR EACH ROW EXECUTE FUNCTION sekisho_people_name_words()
            """).run()
    }
}
