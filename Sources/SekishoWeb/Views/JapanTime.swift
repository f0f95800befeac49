import Foundation

/// Dates as people in Japan read them. JST is UTC+9 all year (no daylight saving time), so the
/// fields come from arithmetic on the Unix time: no formatter to build per call, and no ICU data
/// loaded for it, on pages that show several dates.
enum JapanTime {
    static let offset: Int64 = 9 * 3600

    /// `2026/11/28`
    static func date(_ date: Date) -> String {
        let fields = Fields(date)
        return "\(fields.year)/\(two(fields.month))/\(two(fields.day))"
    }

    /// `2026/11/28 09:05:00`
    static func dateTime(_ date: Date) -> String {
        let fields = Fields(date)
        return "\(fields.year)/\(two(fields.month))/\(two(fields.day)) \(two(fields.hour)):\(two(fields.minute)):\(two(fields.second))"
    }

    /// `09:05`
    static func time(_ date: Date) -> String {
        let fields = Fields(date)
        return "\(two(fields.hour)):\(two(fields.minute))"
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// The calendar fields of a moment in JST (proleptic Gregorian, as the formatters used).
    struct Fields: Equatable {
        let year, month, day, hour, minute, second: Int64

        init(_ date: Date) {
            let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + JapanTime.offset
            let days = seconds.floorDivided(by: 86_400)
            let time = seconds - days * 86_400
            (hour, minute, second) = (time / 3600, time % 3600 / 60, time % 60)
            // Days since 1970-01-01 to a civil date: Howard Hinnant's `civil_from_days`.
            let shifted = days + 719_468
            let era = shifted.floorDivided(by: 146_097)
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }
    }
}

extension Int64 {
    /// Division rounding toward negative infinity (dates before 1970 too).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
