/// A JSON Resume partial date: a year, or a year and a month.
struct ResumeDate: Sendable, Hashable, Comparable {
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

    static func < (lhs: ResumeDate, rhs: ResumeDate) -> Bool {
        lhs.monthIndex(asEnd: false) < rhs.monthIndex(asEnd: false)
    }
}
