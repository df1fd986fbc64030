import Foundation

/// JSON Resume's ISO 8601 partial dates ("2019", "2019-04", "2019-04-15") as
/// month numbers (year × 12 + month − 1), and the time spans between them. Every
/// service that reasons about work history counts months the same way.
public enum PartialDate {
    /// The month a partial date names; a bare year is its January as a start
    /// and its December as an end. Nil for anything that isn't a partial date.
    public static func month(_ text: String?, asEnd: Bool = false) -> Int? {
        guard let text else { return nil }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        if parts.count >= 2 {
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return year * 12 + month - 1
        }
        return year * 12 + (asEnd ? 11 : 0)
    }

    /// The month `date` falls in, in UTC.
    public static func month(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 1970) * 12 + (parts.month ?? 1) - 1
    }

    /// "YYYY-MM" for a month number.
    public static func text(ofMonth month: Int) -> String {
        let year = month / 12
        let number = month % 12 + 1
        return "\(year)-\(number < 10 ? "0" : "")\(number)"
    }

    /// The months from start to end, inclusive; no end means up to the reference
    /// month. Nil without a usable start or when the end precedes it.
    public static func period(start: String?, end: String?, referenceMonth: Int) -> ClosedRange<Int>? {
        guard let first = month(start) else { return nil }
        let last = min(month(end, asEnd: true) ?? referenceMonth, referenceMonth)
        return first <= last ? first...last : nil
    }

    /// Months covered by the periods, overlaps counted once.
    public static func coveredMonths(_ periods: [ClosedRange<Int>]) -> Int {
        var months = 0
        var reach = Int.min
        for period in periods.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let start = max(period.lowerBound, reach + 1)
            if period.upperBound >= start { months += period.upperBound - start + 1 }
            reach = max(reach, period.upperBound)
        }
        return months
    }

    /// Years covered by the periods, overlaps counted once, to one decimal.
    public static func years(_ periods: [ClosedRange<Int>]) -> Double {
        (Double(coveredMonths(periods)) / 12 * 10).rounded() / 10
    }
}
