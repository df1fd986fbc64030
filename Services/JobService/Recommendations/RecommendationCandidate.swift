import Contracts
import Foundation

/// A posting as recommendations score it: only what scoring needs, kept in
/// the posting index (`IndexedPosting`).
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
}
