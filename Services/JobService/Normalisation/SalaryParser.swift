import Contracts

/// A posting's salary with its bounds per year, for the `salaryMin` filter.
struct ParsedSalary: Equatable, Sendable {
    var salary: Job.Salary
    var annualMin: Double?
    var annualMax: Double?
}

/// The salary a posting states: from the board's salary hint (structured
/// numbers first, then its text), else from a pay passage of the description.
///
/// - Interval: the board's field (Lever "per-year-salary", Ashby "1 YEAR",
///   USAJobs "PA"/"PH"/…), else the words around the amount, else the amount's
///   size: a "k" suffix or 15,000 and more is yearly, under 1,000 hourly, in
///   between monthly. Every two weeks ("BW") is read as 26 payments a year.
/// - Checks: bounds below 1, a minimum above the maximum, a yearly equivalent
///   under `minimumAnnual` or over `maximumAnnual` (scaled for high-denomination
///   currencies by `SalaryCurrency.unitsPerDollar`) reject the statement. A
///   structured bound of 0 means "not stated", as boards send it.
/// - The description is read strictly: the amount must carry a currency and sit
///   in a passage about pay ("salary", "compensation", "Gehalt", a pay period),
///   so a funding round or a phone number is never a salary.
/// - A board that says "without compensation" (USAJobs "WC") has no salary,
///   whatever its description says.
enum SalaryParser {
    static let minimumAnnual = 500.0
    static let maximumAnnual = 10_000_000.0
    static let yearlyFrom = 15_000.0
    static let hourlyBelow = 1_000.0

    static func parse(hint: PostingDraft.SalaryHint?, description: String) -> ParsedSalary? {
        if let hint {
            switch parse(hint: hint) {
            case .salary(let parsed): return parsed
            case .unpaid: return nil
            case .unusable: break
            }
        }
        return SalaryTextReader.first(in: description) { statement in
            statement.currency != nil && statement.aboutPay ? checked(statement) : nil
        }
    }

    enum HintReading: Equatable {
        case salary(ParsedSalary)
        case unpaid
        case unusable
    }

    static func parse(hint: PostingDraft.SalaryHint) -> HintReading {
        let interval = hint.period.flatMap(SalaryPeriod.interval(named:))
        if interval == .unpaid { return .unpaid }
        let currency = hint.currency.flatMap(SalaryCurrency.code(for:))
        let minimum = hint.min.flatMap { $0 == 0 ? nil : $0 }
        let maximum = hint.max.flatMap { $0 == 0 ? nil : $0 }
        let stated = hint.text.map { SalaryTextReader.statements(in: $0) } ?? []
        if stated.contains(where: { $0.interval == .unpaid }) { return .unpaid }

        if minimum != nil || maximum != nil {
            let fromText = stated.first
            let statement = SalaryStatement(
                min: minimum, max: maximum, currency: currency ?? fromText?.currency,
                interval: interval ?? fromText?.interval, aboutPay: true, suffixed: false)
            return checked(statement).map(HintReading.salary) ?? .unusable
        }
        for var statement in stated {
            if let currency { statement.currency = currency }
            if let interval { statement.interval = interval }
            if let parsed = checked(statement) { return .salary(parsed) }
        }
        return .unusable
    }

    /// The statement as a salary, or nil when it fails a check.
    static func checked(_ statement: SalaryStatement) -> ParsedSalary? {
        var minimum = statement.min
        var maximum = statement.max
        guard let reference = maximum ?? minimum else { return nil }
        guard [minimum, maximum].allSatisfy({ $0.map { $0 >= 1 && $0.isFinite } ?? true }) else { return nil }
        if let low = minimum, let high = maximum, low > high { return nil }

        let period: SalaryPeriod
        switch statement.interval {
        case .every(let stated):
            period = stated
        case .biweekly:
            period = .year
            minimum = minimum.map { $0 * 26 }
            maximum = maximum.map { $0 * 26 }
        case .unpaid:
            return nil
        case nil:
            if statement.suffixed || reference >= yearlyFrom {
                period = .year
            } else if reference < hourlyBelow {
                period = .hour
            } else {
                period = .month
            }
        }
        let annualMin = minimum.map { $0 * period.perYear }
        let annualMax = maximum.map { $0 * period.perYear }
        let scale = statement.currency.flatMap { SalaryCurrency.unitsPerDollar[$0] } ?? 1
        let highest = annualMax ?? annualMin ?? 0
        guard highest >= minimumAnnual, highest <= maximumAnnual * scale else { return nil }
        return ParsedSalary(
            salary: Job.Salary(min: minimum, max: maximum, currency: statement.currency, period: period.rawValue),
            annualMin: annualMin, annualMax: annualMax)
    }
}
