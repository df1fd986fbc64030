import Foundation

/// Time spent in jobs, from JSON Resume's partial dates ("2019", "2019-04",
/// "2019-04-15"), in whole months. A job without an end date runs to the
/// reference month; overlapping jobs count once.
enum WorkPeriods {
    /// Months since year 0 of the month a partial date names; a bare year is its
    /// January as a start and its December as an end.
    static func month(_ text: String?, asEnd: Bool) -> Int? {
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
    static func month(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 0) * 12 + (parts.month ?? 1) - 1
    }

    /// The months from start to end, inclusive, or nil without a usable start.
    static func period(start: String?, end: String?, referenceMonth: Int) -> ClosedRange<Int>? {
        guard let first = month(start, asEnd: false) else { return nil }
        let last = min(month(end, asEnd: true) ?? referenceMonth, referenceMonth)
        return first <= last ? first...last : nil
    }

    /// Years covered by the periods, overlaps counted once, to one decimal.
    static func years(_ periods: [ClosedRange<Int>]) -> Double {
        var months = 0
        var reach = Int.min
        for period in periods.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let start = max(period.lowerBound, reach + 1)
            if period.upperBound >= start { months += period.upperBound - start + 1 }
            reach = max(reach, period.upperBound)
        }
        return (Double(months) / 12 * 10).rounded() / 10
    }
}
