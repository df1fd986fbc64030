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

    /// The select list; `sort_at` travels as epoch seconds, cheaper to read than a timestamp.
    static let columns = """
        id, title, required_skills, preferred_skills, seniority, workplace, locations, salary_annual_min,
        salary_annual_max, salary_currency, employment_type, extract(epoch FROM sort_at)::float8 AS sort_epoch
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
        self.init(
            id: try row.decode("id"), title: try row.decode("title"), requiredSkills: try row.decode("required_skills"),
            preferredSkills: try row.decode("preferred_skills"), seniority: try row.decode("seniority"),
            workplace: try row.decode(String?.self, "workplace").flatMap(Job.Workplace.init(rawValue:)),
            locations: try row.decode("locations"), salaryAnnualMin: try row.decode("salary_annual_min"),
            salaryAnnualMax: try row.decode("salary_annual_max"), salaryCurrency: try row.decode("salary_currency"),
            employmentType: try row.decode("employment_type"),
            sortAt: Date(timeIntervalSince1970: try row.decode(Double.self, "sort_epoch")))
    }
}
