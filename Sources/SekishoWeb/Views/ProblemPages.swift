import Foundation
import Hummingbird
import SekishoCore

/// Pages that explain a refusal: a throttle (429) and a mail link that cannot be used (404).
extension PageResponder {
    /// 429 for an address that failed too many sign-ins: a page saying when to try again, and
    /// `Retry-After` as an HTTP date (no clock needed to compute a delay).
    func throttled(_ throttle: ClientThrottled, request: Request, context: some PageContext) -> Response {
        let text = strings.text("throttled_body", context.language).replacingOccurrences(of: "{time}", with: JapanTime.time(throttle.retryAt))
        let content = MessageContent(
            heading: strings.text("throttled_title", context.language), paragraphs: [text],
            links: [PageLink(href: "/login", label: strings.text("back_to_top", context.language))], reference: nil)
        var response = page("message", title: "throttled_title", content: content, request: request, context: context,
                            status: .tooManyRequests)
        response.headers[.retryAfter] = HTTPDate.format(throttle.retryAt)
        return response
    }

    /// 404 for a mail link that cannot be used: unknown, malformed, used, expired or replaced get the
    /// same page, with `advice` and a link to what to do next.
    func unusableLink(
        advice: String, next: (href: String, label: String), request: Request, context: some PageContext
    ) -> Response {
        message(
            title: "ticket_invalid_title", paragraphs: ["ticket_invalid_body", advice], links: [next, ("/login", "back_to_top")],
            request: request, context: context, status: .notFound, referrerPolicy: .noReferrer)
    }
}

/// IMF-fixdate (RFC 9110 §5.6.7), as `Retry-After` takes it.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }
}
