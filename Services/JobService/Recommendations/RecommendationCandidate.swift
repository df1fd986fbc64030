import Contracts
import Database
import Foundation

/// A posting as the candidate query reads it: only the columns scoring needs,
/// all in the covering index `postings_match_idx`, so ranking a thousand
/// candidates reads no posting rows (descriptions stay on disk).
struct RecommendationCandidate: Sendable, Equatable {
    var id: UUID
    var title: String
    var requiredSkills: [String]
    var preferredSkills: [String]
    var seniority: String?
    var workplace: Job.Workplace?
    var locations: [String]
    /// Yearly bounds in the posting's own currency.
    var salaryAnnualMin: Double?
    var salaryAnnualMax: Double?
    var salaryCurrency: String?
    var employmentType: String?
    /// The board's date, else when the posting was first seen.
    var sortAt: Date

    /// The select list. `sort_at` travels as epoch seconds and each array as
    /// one text with U+001F between items: reading PostgreSQL's timestamp and
    /// array syntax for a thousand rows costs more than the query itself.
    static let columns = """
        id, title, array_to_string(required_skills, chr(31)) AS required_list,
        array_to_string(preferred_skills, chr(31)) AS preferred_list, seniority, workplace,
        array_to_string(locations, chr(31)) AS location_list, salary_annual_min, salary_annual_max, salary_currency,
        employment_type, extract(epoch FROM sort_at)::float8 AS sort_epoch
        """

    init(
        id: UUID = UUID(), title: String, requiredSkills: [String] = [], preferredSkills: [String] = [],
        seniority: String? = nil, workplace: Job.Workplace? = nil, locations: [String] = [],
        salaryAnnualMin: Double? = nil, salaryAnnualMax: Double? = nil, salaryCurrency: String? = nil,
        employmentType: String? = nil, sortAt: Date = Date()
    ) {
        self.id = id
        self.title = title
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.seniority = seniority
        self.workplace = workplace
        self.locations = locations
        self.salaryAnnualMin = salaryAnnualMin
        self.salaryAnnualMax = salaryAnnualMax
        self.salaryCurrency = salaryCurrency
        self.employmentType = employmentType
        self.sortAt = sortAt
    }

    init(row: DatabaseRow) throws {
        // Split on the byte: splitting a String by Character walks grapheme clusters.
        func list(_ column: String) throws -> [String] {
            try row.decode(String.self, column).utf8.split(separator: 0x1F).map { String(Substring($0)) }
        }
        self.init(
            id: try row.decode("id"), title: try row.decode("title"), requiredSkills: try list("required_list"),
            preferredSkills: try list("preferred_list"), seniority: try row.decode("seniority"),
            workplace: try row.decode(String?.self, "workplace").flatMap(Job.Workplace.init(rawValue:)),
            locations: try list("location_list"), salaryAnnualMin: try row.decode("salary_annual_min"),
            salaryAnnualMax: try row.decode("salary_annual_max"), salaryCurrency: try row.decode("salary_currency"),
            employmentType: try row.decode("employment_type"),
            sortAt: Date(timeIntervalSince1970: try row.decode(Double.self, "sort_epoch")))
    }
}
