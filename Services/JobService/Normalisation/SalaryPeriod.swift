/// The period a salary is paid per, as `Job.Salary.period` names it, and how
/// many of them make a working year.
enum SalaryPeriod: String, Sendable, CaseIterable {
    case year
    case month
    case week
    case day
    case hour

    /// Full-time working year: 52 weeks of 5 days of 8 hours.
    var perYear: Double {
        switch self {
        case .year: 1
        case .month: 12
        case .week: 52
        case .day: 260
        case .hour: 2080
        }
    }

    /// What a board's interval field says: a period, every two weeks (read as
    /// 26 payments a year), or explicitly unpaid (USAJobs "WC", without compensation).
    enum Interval: Equatable, Sendable {
        case every(SalaryPeriod)
        case biweekly
        case unpaid
    }

    /// Interval words, after `intervalKey`: ordinary English and German, Lever's
    /// "per-year-salary"/"per-hour-wage", Ashby's "1 YEAR"/"1 HOUR" and the
    /// USAJobs rate interval codes (PA, PH, PM, PD, PW, BW, WC).
    static let intervalWords: [String: Interval] = [
        "year": .every(.year), "years": .every(.year), "yearly": .every(.year), "annual": .every(.year),
        "annually": .every(.year), "annum": .every(.year), "per annum": .every(.year), "yr": .every(.year),
        "yrs": .every(.year), "pa": .every(.year), "p a": .every(.year), "jahr": .every(.year),
        "jährlich": .every(.year), "jahresgehalt": .every(.year),
        "month": .every(.month), "months": .every(.month), "monthly": .every(.month), "mo": .every(.month),
        "mth": .every(.month), "pm": .every(.month), "monat": .every(.month), "monatlich": .every(.month),
        "week": .every(.week), "weeks": .every(.week), "weekly": .every(.week), "wk": .every(.week),
        "pw": .every(.week), "woche": .every(.week), "wöchentlich": .every(.week),
        "day": .every(.day), "days": .every(.day), "daily": .every(.day), "pd": .every(.day),
        "tag": .every(.day), "täglich": .every(.day), "day rate": .every(.day), "tagessatz": .every(.day),
        "hour": .every(.hour), "hours": .every(.hour), "hourly": .every(.hour), "hr": .every(.hour),
        "hrs": .every(.hour), "ph": .every(.hour), "stunde": .every(.hour), "stündlich": .every(.hour),
        "stundenlohn": .every(.hour), "stundensatz": .every(.hour),
        "bw": .biweekly, "biweekly": .biweekly, "bi weekly": .biweekly, "fortnight": .biweekly,
        "fortnightly": .biweekly,
        "par an": .every(.year), "par mois": .every(.month), "par jour": .every(.day), "par heure": .every(.hour),
        "wc": .unpaid, "without compensation": .unpaid, "unpaid": .unpaid,
    ]

    /// Words a board wraps around the interval: "per", "1", "-salary", "-wage".
    private static let intervalNoise: Set<String> = ["1", "per", "a", "an", "pro", "salary", "wage", "rate", "one"]

    /// A board's interval field ("YEAR", "per-hour-wage", "1 MONTH", "PA"), or nil
    /// when it names none.
    static func interval(named raw: String) -> Interval? {
        let words = intervalKeyWords(raw)
        if let found = intervalWords[words.joined(separator: " ")] { return found }
        let core = words.filter { !intervalNoise.contains($0) }
        guard !core.isEmpty else { return nil }
        return intervalWords[core.joined(separator: " ")]
    }

    /// Lower-cased words of letters and digits: "per-year-salary" → per, year, salary.
    static func intervalKeyWords(_ raw: String) -> [String] {
        raw.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
