import Configuration
import Foundation

/// Typed reads with clear errors: a value that is present but malformed stops the start with a
/// message naming the key, instead of silently falling back to the default.
struct SettingsReader {
    let config: ConfigReader

    func string(_ key: String, secret: Bool = false) -> String? {
        config.string(forKey: ConfigKey(key), isSecret: secret).flatMap { $0.isEmpty ? nil : $0 }
    }

    func string(_ key: String, default defaultValue: String) -> String {
        string(key) ?? defaultValue
    }

    func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        let value: Int
        if let number = config.int(forKey: ConfigKey(key)) {
            value = number
        } else if let text = string(key) {
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ConfigurationError.invalid(key, "\"\(text)\" is not a whole number")
            }
            value = number
        } else {
            return defaultValue
        }
        guard range.contains(value) else {
            throw ConfigurationError.invalid(key, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        if let flag = config.bool(forKey: ConfigKey(key)) { return flag }
        guard let text = string(key)?.lowercased() else { return defaultValue }
        switch text {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigurationError.invalid(key, "\"\(text)\" is not true or false")
        }
    }

    /// A list: a JSON array in the file, or comma-separated in a variable.
    func strings(_ key: String) -> [String]? {
        if let list = config.stringArray(forKey: ConfigKey(key)) { return list }
        return string(key)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: Value) throws -> Value
    where Value.RawValue == String {
        guard let text = string(key) else { return defaultValue }
        guard let value = Value(rawValue: text) else {
            throw ConfigurationError.invalid(key, "\"\(text)\" is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
