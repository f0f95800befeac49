/// A short name for a browser, from its User-Agent, so a person can tell remembered browsers apart:
/// "Chrome (Windows)", "Safari (iPhone)". An unknown agent gets ``unknown``, which pages word in their language.
public enum BrowserLabel {
    public static let unknown = "?"

    public static func from(userAgent: String) -> String {
        let agent = userAgent
        let browser: String? =
            if agent.contains("Edg/") { "Edge" }
            else if agent.contains("OPR/") { "Opera" }
            else if agent.contains("Firefox/") { "Firefox" }
            else if agent.contains("Chrome/") || agent.contains("CriOS/") { "Chrome" }
            else if agent.contains("Safari/") { "Safari" }
            else { nil }
        let system: String? =
            if agent.contains("iPhone") { "iPhone" }
            else if agent.contains("iPad") { "iPad" }
            else if agent.contains("Android") { "Android" }
            else if agent.contains("Windows") { "Windows" }
            else if agent.contains("Mac OS X") || agent.contains("Macintosh") { "macOS" }
            else if agent.contains("CrOS") { "ChromeOS" }
            else if agent.contains("Linux") { "Linux" }
            else { nil }
        switch (browser, system) {
        case let (browser?, system?): return "\(browser) (\(system))"
        case let (browser?, nil): return browser
        case let (nil, system?): return system
        case (nil, nil): return unknown
        }
    }
}
