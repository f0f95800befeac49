import SekishoCore
import SQLKit

/// Pairs of neighbouring words in the words index (``DirectorySearch/wordKeys(of:)``), so that a
/// full name thousands share (`佐藤 美咲`) is read in list order like a surname. The table and its
/// triggers stay as migration 012 made them; what fills them changes, and the pairs of the people
/// already there are added.
///
/// On SQLite the keys come from the Swift function `sekisho_name_words`, which now returns the pairs
/// too. On PostgreSQL the function of the same name is replaced: each word with the spaces after it
/// (`regexp_matches` in order), and each word joined by its spaces to the next one.
enum DirectoryWordPairsSchema {
    static let migration = Migration(id: "013_directory_word_pairs") { db in
        let pair = Int(DirectorySearch.pairMark.value)
        if db.dialect.name != "sqlite" {
            try await db.raw("""
                CREATE OR REPLACE FUNCTION sekisho_name_words(search_text text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    WITH words AS (
                        SELECT m[1] AS word, m[2] AS spaces, n
                        FROM regexp_matches(split_part(search_text, chr(31), 1), '([^ ]+)( *)', 'g') WITH ORDINALITY AS found(m, n))
                    SELECT word FROM words
                    UNION
                    SELECT chr(\(literal: pair)) || first.word || first.spaces || second.word
                    FROM words first JOIN words second ON second.n = first.n + 1
                $$
                """).run()
        }
        // Only the pairs are new: the words are in place. A SQLite database migrated from before 012 in
        // one go has the pairs already (012 filled the table through the new function): kept as they are.
        if db.dialect.name == "sqlite" {
            try await db.raw("""
                INSERT INTO people_name_words
                SELECT p.contract_id, value, p.name, p.id FROM people p, json_each(sekisho_name_words(p.search_text))
                WHERE substr(value, 1, 1) = char(\(literal: pair)) ON CONFLICT DO NOTHING
                """).run()
        } else {
            try await db.raw("""
                INSERT INTO people_name_words SELECT p.contract_id, word, p.name, p.id FROM people p, sekisho_name_words(p.search_text) AS word
                WHERE left(word, 1) = chr(\(literal: pair)) ON CONFLICT DO NOTHING
                """).run()
        }
    }
}
