import Contracts
import Foundation

/// Turns one import row into a `PostingDraft`, or says everything wrong with
/// it: a required field missing, a value of the wrong type, a date, number,
/// URL, workplace, employment type, currency or pay period that isn't one.
///
/// Strict where a typo would silently change a posting (an unknown workplace
/// is an error, not "no workplace"), forgiving in spelling (case, `-`, `_` and
/// spaces don't matter in "Full-time" or "on-site").
enum PostingImportValidator {
    /// The `source` of imported postings that don't name one.
    static let defaultSource = "import"

    static let workplaces: [String: Job.Workplace] = [
        "remote": .remote, "hybrid": .hybrid, "onsite": .onsite,
    ]
    static let employmentTypes: [String: String] = [
        "fulltime": "full_time", "parttime": "part_time", "contract": "contract", "temporary": "temporary",
        "internship": "internship",
    ]

    struct Outcome: Sendable {
        var draft: PostingDraft?
        var problems: [PostingImportReport.Rejection]
    }

    static func validate(_ row: PostingImportRow) -> Outcome {
        var reader = FieldReader(row: row)
        let externalId = reader.identifier(.externalId)
        let title = reader.requiredText(.title)
        let company = reader.requiredText(.company)
        let source = reader.text(.source)?.lowercased() ?? defaultSource
        let locations = reader.list(.locations)
        let tags = reader.list(.tags)
        let workplace = reader.choice(
            .workplace, from: workplaces, expected: "remote, hybrid or onsite")
        let employmentType = reader.choice(
            .employmentType, from: employmentTypes, expected: "full_time, part_time, contract, temporary or internship")
        let salary = reader.salary()
        let description = reader.text(.description)
        let postedAt = reader.date(.postedAt)
        let applyUrl = reader.url(.applyUrl)

        guard reader.problems.isEmpty, let externalId, let title, let company else {
            return Outcome(draft: nil, problems: reader.problems)
        }
        let draft = PostingDraft(
            source: source, externalId: externalId, title: title, company: company, locations: locations,
            workplaceHint: workplace?.rawValue, employmentTypeHint: employmentType, salary: salary,
            descriptionHtml: description, tags: tags, postedAt: postedAt, applyUrl: applyUrl)
        return Outcome(draft: draft, problems: [])
    }

    /// Reads a row's fields by type, collecting a problem for each bad one.
    struct FieldReader {
        let row: PostingImportRow
        var problems: [PostingImportReport.Rejection] = []

        mutating func problem(_ field: PostingImportField, _ reason: String) {
            problems.append(.init(row: row.number, field: field.rawValue, reason: reason))
        }

        /// A trimmed string; nil when absent or blank.
        mutating func text(_ field: PostingImportField) -> String? {
            guard let value = row[field] else { return nil }
            guard case .string(let text) = value else {
                problem(field, "must be a string")
                return nil
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }

        mutating func requiredText(_ field: PostingImportField) -> String? {
            let hadProblems = problems.count
            let value = text(field)
            if value == nil, problems.count == hadProblems { problem(field, "is required") }
            return value
        }

        /// A required id: a string, or a whole JSON number (ids exported from
        /// spreadsheets and databases often are).
        mutating func identifier(_ field: PostingImportField) -> String? {
            if case .number(let number) = row[field], number.rounded() == number, abs(number) < 1e15 {
                return String(Int64(number))
            }
            return requiredText(field)
        }

        /// A JSON array of strings, or one string of `;`-separated items.
        mutating func list(_ field: PostingImportField) -> [String] {
            let items: [String]
            switch row[field] {
            case nil:
                return []
            case .string(let text):
                items = text.split(separator: ";").map(String.init)
            case .array(let values):
                var strings: [String] = []
                for value in values {
                    guard case .string(let text) = value else {
                        problem(field, "must be an array of strings or one string separated by \";\"")
                        return []
                    }
                    strings.append(text)
                }
                items = strings
            default:
                problem(field, "must be an array of strings or one string separated by \";\"")
                return []
            }
            return items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }

        /// One of `choices`, matched ignoring case, spaces, `-` and `_`.
        mutating func choice<Value>(
            _ field: PostingImportField, from choices: [String: Value], expected: String
        ) -> Value? {
            guard let text = text(field) else { return nil }
            let key = String(text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
            guard let value = choices[key] else {
                problem(field, "is \"\(text)\"; expected one of \(expected)")
                return nil
            }
            return value
        }

        /// A positive number: a JSON number or a numeric string ("85000", "42.5").
        mutating func number(_ field: PostingImportField) -> Double? {
            let number: Double?
            switch row[field] {
            case nil:
                return nil
            case .number(let value):
                number = value
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return nil }
                number = Double(trimmed)
            default:
                number = nil
            }
            guard let number, number.isFinite else {
                problem(field, "is not a number")
                return nil
            }
            guard number > 0 else {
                problem(field, "must be greater than 0")
                return nil
            }
            return number
        }

        mutating func salary() -> PostingDraft.SalaryHint? {
            let minimum = number(.salaryMin)
            let maximum = number(.salaryMax)
            if let minimum, let maximum, minimum > maximum {
                problem(.salaryMin, "is greater than salaryMax")
            }
            var currency = text(.salaryCurrency)
            if let code = currency {
                if let known = SalaryCurrency.code(for: code) {
                    currency = known
                } else {
                    problem(.salaryCurrency, "is \"\(code)\"; expected an ISO 4217 code such as USD, EUR or GBP")
                }
            }
            let period = text(.salaryPeriod)
            if let period, SalaryPeriod.interval(named: period) == nil {
                problem(.salaryPeriod, "is \"\(period)\"; expected year, month, week, day or hour")
            }
            guard minimum != nil || maximum != nil || currency != nil || period != nil else { return nil }
            return PostingDraft.SalaryHint(min: minimum, max: maximum, currency: currency, period: period)
        }

        mutating func date(_ field: PostingImportField) -> Date? {
            guard let text = text(field) else { return nil }
            guard let date = BoardDates.parse(text) else {
                problem(field, "is \"\(text)\"; expected an ISO 8601 date such as 2025-05-01 or 2025-05-01T09:30:00Z")
                return nil
            }
            return date
        }

        mutating func url(_ field: PostingImportField) -> String? {
            guard let text = text(field) else { return nil }
            guard let url = WebURL.validated(text) else {
                problem(field, "is not an absolute http or https URL")
                return nil
            }
            return url
        }
    }
}
