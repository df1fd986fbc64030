import Contracts
import Testing

@testable import JobService

/// One row of the salary table: what the board gave, and the exact salary
/// (with yearly bounds) expected, or nil for a rejection.
struct SalaryCase: Sendable, CustomStringConvertible {
    var hint: PostingDraft.SalaryHint?
    var description: String
    var expected: ParsedSalary?

    var testDescription: String { hint?.text ?? (hint.map { "\($0)" } ?? description) }

    static func text(_ text: String, _ expected: ParsedSalary?) -> SalaryCase {
        SalaryCase(hint: PostingDraft.SalaryHint(text: text), description: "", expected: expected)
    }

    static func structured(
        _ min: Double?, _ max: Double?, _ currency: String?, _ period: String?, _ expected: ParsedSalary?
    ) -> SalaryCase {
        SalaryCase(
            hint: PostingDraft.SalaryHint(min: min, max: max, currency: currency, period: period), description: "",
            expected: expected)
    }

    static func inDescription(_ description: String, _ expected: ParsedSalary?) -> SalaryCase {
        SalaryCase(hint: nil, description: description, expected: expected)
    }
}

/// A parsed salary, annual bounds from the period's factor.
func salary(
    _ min: Double?, _ max: Double?, _ currency: String?, _ period: String, annual factor: Double? = nil
)
    -> ParsedSalary
{
    let perYear = factor ?? SalaryPeriod(rawValue: period)!.perYear
    return ParsedSalary(
        salary: Job.Salary(min: min, max: max, currency: currency, period: period),
        annualMin: min.map { $0 * perYear }, annualMax: max.map { $0 * perYear })
}

@Suite("salary parser")
struct SalaryParserTests {
    static let cases: [SalaryCase] = [
        .text("$120K – $150K", salary(120_000, 150_000, "USD", "year")),
        .text("$120,000 - $150,000 per year", salary(120_000, 150_000, "USD", "year")),
        .text("€50.000–60.000 p.a.", salary(50_000, 60_000, "EUR", "year")),
        .text("£45k-£55k", salary(45_000, 55_000, "GBP", "year")),
        .text("USD 100000-120000", salary(100_000, 120_000, "USD", "year")),
        .text("100000 - 120000 USD", salary(100_000, 120_000, "USD", "year")),
        .text("$50/hr", salary(50, 50, "USD", "hour")),
        .text("$45 - $60 an hour", salary(45, 60, "USD", "hour")),
        .text("up to $90k", salary(nil, 90_000, "USD", "year")),
        .text("from €4.000 monthly", salary(4_000, nil, "EUR", "month")),
        .text("$120-150K", salary(120_000, 150_000, "USD", "year")),
        .text("A$120k - A$140k", salary(120_000, 140_000, "AUD", "year")),
        .text("120'000 - 150'000 CHF", salary(120_000, 150_000, "CHF", "year")),
        .text("¥5,000,000 - ¥7,000,000 per year", salary(5_000_000, 7_000_000, "JPY", "year")),
        .text("₹25,00,000 - ₹35,00,000 per annum", salary(2_500_000, 3_500_000, "INR", "year")),
        .text("22,50 € pro Stunde", salary(22.5, 22.5, "EUR", "hour")),
        .text("$1,234.56 per week", salary(1_234.56, 1_234.56, "USD", "week")),
        .text("€300 - €400 per day", salary(300, 400, "EUR", "day")),
        .text("4.500 € brutto monatlich", salary(4_500, 4_500, "EUR", "month")),
        .text("45 000 € par an", salary(45_000, 45_000, "EUR", "year")),
        .text("$120k+", salary(120_000, nil, "USD", "year")),
        .text("₹12 LPA", salary(1_200_000, 1_200_000, "INR", "year")),
        .text("USD 120,000.00 - 150,000.00", salary(120_000, 150_000, "USD", "year")),
        .structured(100_000, 150_000, "USD", "per-year-salary", salary(100_000, 150_000, "USD", "year")),
        .structured(30, 45, "usd", "per-hour-wage", salary(30, 45, "USD", "hour")),
        .structured(5_000, 6_000, "EUR", "per-month-salary", salary(5_000, 6_000, "EUR", "month")),
        .structured(140_000, 180_000, "USD", "1 YEAR", salary(140_000, 180_000, "USD", "year")),
        .structured(25, 35, "USD", "1 HOUR", salary(25, 35, "USD", "hour")),
        .structured(89_000, 115_000, "USD", "PA", salary(89_000, 115_000, "USD", "year")),
        .structured(20.5, 30, "USD", "PH", salary(20.5, 30, "USD", "hour")),
        .structured(4_000, 6_000, "USD", "PM", salary(4_000, 6_000, "USD", "month")),
        .structured(200, 300, "USD", "PD", salary(200, 300, "USD", "day")),
        .structured(2_000, 3_000, "USD", "BW", salary(52_000, 78_000, "USD", "year")),
        .structured(45_000, 55_000, "£", nil, salary(45_000, 55_000, "GBP", "year")),
        .structured(0, 95_000, "EUR", "YEAR", salary(nil, 95_000, "EUR", "year")),
        .inDescription(
            "<p>About the role</p>\nThe base salary range for this role is $150,000 - $190,000. Equity too.",
            salary(150_000, 190_000, "USD", "year")),
        .inDescription(
            "Wir bieten:\nGehalt: 60.000 – 75.000 € brutto/Jahr\n30 Tage Urlaub",
            salary(60_000, 75_000, "EUR", "year")),
        .inDescription(
            "Compensation: between $100,000 and $130,000 annually, plus equity.",
            salary(100_000, 130_000, "USD", "year")),
        .inDescription(
            "Salary Range\n$114,000—$171,000 USD\nThe range reflects the minimum and maximum target.",
            salary(114_000, 171_000, "USD", "year")),
        .inDescription("Founded in 2019. Pay: $30/hour for 20 hours a week.", salary(30, 30, "USD", "hour")),

        // Rejections.
        .text("$5,000,000,000 per year", nil),
        .text("$150,000 - $120,000", nil),
        .structured(200_000, 100_000, "USD", "year", nil),
        .text("$0.50 per hour", nil),
        .text("2024", nil),
        .text("Competitive", nil),
        .structured(-5, 10, "USD", "hour", nil),
        .structured(0, 0, "USD", "WC", nil),
        .inDescription("Founded in 2024, we raised $50M from investors.", nil),
        .inDescription("Call our recruiters at 555-123-4567 or +49 30 1234567 about pay.", nil),
        .inDescription("Salary: competitive. Apply by 2025.", nil),
        .inDescription("You have 3-5 years of experience with Go.", nil),
        .inDescription("We offer a $2,000 learning budget every year.", nil),
        .inDescription("Salary: 555.123.4567", nil),
        .inDescription("Our HQ is at 123 Main St, Suite 400.\nOffices in 12 countries and 2,000 employees.", nil),
        .inDescription("We closed a $1M seed round and offer 401(k) matching up to 4%.", nil),
    ]

    @Test("salary table", arguments: cases)
    func table(_ row: SalaryCase) {
        #expect(SalaryParser.parse(hint: row.hint, description: row.description) == row.expected)
    }

    @Test("without compensation means no salary, whatever the description says")
    func unpaidIgnoresDescription() {
        let hint = PostingDraft.SalaryHint(min: 0, max: 0, currency: "USD", period: "WC")
        #expect(SalaryParser.parse(hint: hint, description: "Salary: $100,000 per year") == nil)
    }

    @Test("a hint that says nothing usable falls back to the description")
    func unusableHintFallsBack() {
        let hint = PostingDraft.SalaryHint(text: "Competitive")
        #expect(
            SalaryParser.parse(hint: hint, description: "Pay range: $40 - $50 per hour")
                == salary(40, 50, "USD", "hour"))
    }

    @Test("structured numbers take the period and currency from the hint's text when the fields are missing")
    func structuredWithText() {
        let hint = PostingDraft.SalaryHint(min: 60_000, max: 70_000, text: "€60k - €70k per year")
        #expect(SalaryParser.parse(hint: hint, description: "") == salary(60_000, 70_000, "EUR", "year"))
    }

    @Test(
        "interval names from every board",
        arguments: [
            ("year", SalaryPeriod.Interval.every(.year)), ("YEAR", .every(.year)), ("annual", .every(.year)),
            ("PA", .every(.year)), ("per-year-salary", .every(.year)), ("1 YEAR", .every(.year)),
            ("per-hour-wage", .every(.hour)), ("PH", .every(.hour)), ("1 HOUR", .every(.hour)),
            ("per-month-salary", .every(.month)), ("PM", .every(.month)), ("monthly", .every(.month)),
            ("PD", .every(.day)), ("per-week-salary", .every(.week)), ("BW", .biweekly), ("WC", .unpaid),
        ])
    func intervals(name: String, expected: SalaryPeriod.Interval) {
        #expect(SalaryPeriod.interval(named: name) == expected)
    }

    @Test(
        "US and European separators",
        arguments: [
            ("150,000", 150_000.0), ("60.000", 60_000), ("1.234,56", 1_234.56), ("1,234.56", 1_234.56),
            ("12.50", 12.5), ("22,5", 22.5), ("25,00,000", 2_500_000), ("120'000", 120_000), ("100000", 100_000),
        ])
    func separators(raw: String, expected: Double) {
        #expect(SalaryTextReader.numericValue(raw.unicodeScalars) == expected)
    }

    @Test("groupings no one writes are not numbers", arguments: ["555.123.4567", "1,2345", "12,34,5", "1.000,000,0"])
    func badGroupings(raw: String) {
        #expect(SalaryTextReader.numericValue(raw.unicodeScalars) == nil)
    }
}
