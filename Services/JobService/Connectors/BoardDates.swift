import Foundation

/// The timestamps boards send: ISO 8601 with an offset or `Z`, with or without
/// fractions ("2024-03-04T14:29:08.532+00:00"), without any zone
/// ("2024-01-10T00:00:00.0000" at USAJobs: read as UTC), or a bare day; and
/// Unix epochs in seconds or milliseconds.
enum BoardDates {
    static func parse(_ text: String?) -> Date? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), text.count >= 10 else { return nil }
        if text.count == 10 {
            text += "T00:00:00Z"
        } else if !hasZone(text) {
            text += "Z"
        }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text)
    }

    /// A zone designator after the time: `Z`, or a sign after the `T`.
    private static func hasZone(_ text: String) -> Bool {
        guard let time = text.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) else { return false }
        let clock = text[text.index(after: time)...]
        return clock.hasSuffix("Z") || clock.hasSuffix("z") || clock.contains("+") || clock.contains("-")
    }

    /// Seconds since 1970 (RemoteOK's `epoch`, Arbeitnow's `created_at`).
    static func epochSeconds(_ value: Double?) -> Date? {
        guard let value, value > 0 else { return nil }
        return Date(timeIntervalSince1970: value)
    }

    /// Milliseconds since 1970 (Lever's `createdAt`).
    static func epochMilliseconds(_ value: Double?) -> Date? {
        guard let value, value > 0 else { return nil }
        return Date(timeIntervalSince1970: value / 1000)
    }
}
