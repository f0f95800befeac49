import Foundation
@testable import SekishoWeb
import Testing

@Suite("Japan time")
struct JapanTimeTests {
    /// What the pages showed before: Foundation's formatter in JST.
    private func formatted(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    @Test("arithmetic gives what the formatter gives: month and year ends, leap days, before 1970, and spread moments")
    func sameAsFormatter() {
        var moments: [TimeInterval] = [
            0, -1, -86_400 * 365 * 3 - 1, 951_782_400, 951_868_799, 1_709_164_800, 1_735_657_199, 1_735_657_200,
            4_107_542_399, 253_402_268_399 - 9 * 3600,
        ]
        var generator = SystemRandomNumberGenerator()
        moments += (0..<2_000).map { _ in TimeInterval(Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator)) }
        for seconds in moments {
            let date = Date(timeIntervalSince1970: seconds + 0.75)
            #expect(JapanTime.dateTime(date) == formatted(date, "yyyy/MM/dd HH:mm:ss"), "\(seconds)")
            #expect(JapanTime.date(date) == formatted(date, "yyyy/MM/dd"))
            #expect(JapanTime.time(date) == formatted(date, "HH:mm"))
        }
    }
}
