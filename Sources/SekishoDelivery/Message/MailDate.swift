import Foundation

/// Dates as mail needs them, always in UTC and independent of the process locale.
enum MailDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 `date-time`, e.g. `Tue, 01 Apr 2025 09:30:00 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let c = components(date)
        return "\(weekdays[c.weekday! - 1]), \(two(c.day!)) \(months[c.month! - 1]) \(c.year!) "
            + "\(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) +0000"
    }

    /// A compact sortable stamp for file names, e.g. `20250401T093000Z`.
    static func stamp(_ date: Date) -> String {
        let c = components(date)
        return "\(c.year!)\(two(c.month!))\(two(c.day!))T\(two(c.hour!))\(two(c.minute!))\(two(c.second!))Z"
    }

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
