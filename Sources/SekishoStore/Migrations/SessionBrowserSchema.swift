import SQLKit

/// The browser each session was signed in with, so that 「サインイン中のセッション」 can name the
/// sessions it lets the person end one by one (ASVS 7.5.2). Sessions of before have none.
enum SessionBrowserSchema {
    static let migration = Migration(id: "010_session_browsers") { db in
        try await db.alter(table: "sessions").column("browser", type: .text).run()
    }
}
