import Foundation

/// GitHub's timestamps ("2026-10-03T12:04:05Z") as JSON Resume's partial dates.
enum GitHubDates {
    /// "YYYY-MM-DD" from a GitHub timestamp, or nil when it does not start like one.
    static func day(_ timestamp: String?) -> String? {
        guard let timestamp else { return nil }
        let characters = Array(timestamp.utf8.prefix(10))
        guard characters.count == 10 else { return nil }
        for (index, character) in characters.enumerated() {
            let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character)
            guard index == 4 || index == 7 ? character == UInt8(ascii: "-") : isDigit else { return nil }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// "YYYY-MM" of a "YYYY-MM-DD" day.
    static func month(ofDay day: String) -> String { String(day.prefix(7)) }

    /// The UTC day of `date` as "YYYY-MM-DD".
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
