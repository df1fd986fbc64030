/// A JSON Resume partial date: a year, or a year and a month.
struct PartialDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int?

    init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    /// "2020" or "2020-03".
    init?(iso: String) {
        let parts = iso.trimmingSpaces.split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        self.year = year
        if parts.count >= 2 {
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.month = month
        }
    }

    var iso: String {
        guard let month else { return String(year) }
        return month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)"
    }

    /// Months since year 0; a bare year is its January as a start and its December as an end.
    func monthIndex(asEnd: Bool) -> Int { year * 12 + (month.map { $0 - 1 } ?? (asEnd ? 11 : 0)) }

    static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        lhs.monthIndex(asEnd: false) < rhs.monthIndex(asEnd: false)
    }
}

/// Months of work as résumé dates give them, the same arithmetic the AI service's
/// `WorkPeriods` does on JSON Resume dates: a job without an end runs to the
/// reference month, overlapping jobs count once.
enum WorkMonths {
    static func period(start: PartialDate?, end: PartialDate?, referenceMonth: Int) -> ClosedRange<Int>? {
        guard let start else { return nil }
        let first = start.monthIndex(asEnd: false)
        let last = min(end?.monthIndex(asEnd: true) ?? referenceMonth, referenceMonth)
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

    /// The month index as a partial date.
    static func date(ofMonth index: Int) -> PartialDate { PartialDate(year: index / 12, month: index % 12 + 1) }
}
