import Hummingbird

extension Request {
    /// The query string read as what a browser's `<form method="get">` sends:
    /// `application/x-www-form-urlencoded`, where `+` is a space. Hummingbird's `queryParameters`
    /// only percent-decodes, so 「佐藤 美咲」 typed into the admin console's search arrived as
    /// 「佐藤+美咲」 and found no one. Parsed as strictly as a posted form: a malformed query is a
    /// ``FormBodyError`` (400).
    func formQuery() throws(FormBodyError) -> FormBody {
        try FormBody(parsing: Array((uri.query ?? "").utf8))
    }
}
