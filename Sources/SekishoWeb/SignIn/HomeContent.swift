import Foundation
import SekishoCore

/// Home (SPEC B5 without a configured service URL): who is signed in, for which contract.
struct HomeContent: Sendable {
    let name: String
    let email: String
    let contractName: String
    let role: String
    let plan: String
    let trialEnds: String?

    init(account: Account, strings: Strings, language: Language) {
        name = account.person.name
        email = account.person.email.value
        contractName = account.contract.name
        role = strings.text("role_\(account.person.role.rawValue)", language)
        plan = strings.text("plan_\(account.contract.plan.rawValue)", language)
        trialEnds = account.contract.trialEndsAt.map(JapanTime.date)
    }
}

/// Dates as people in Japan read them (JST has no daylight saving time).
enum JapanTime {
    static let zone = TimeZone(secondsFromGMT: 9 * 3600)!

    static func date(_ date: Date) -> String {
        format(date, "yyyy/MM/dd")
    }

    static func dateTime(_ date: Date) -> String {
        format(date, "yyyy/MM/dd HH:mm:ss")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
