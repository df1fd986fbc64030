import Foundation

/// A job posting as job-service serves it: normalised from whichever board it came from.
public struct Job: Codable, Sendable, Equatable {
    public enum Workplace: String, Codable, Sendable {
        case remote
        case hybrid
        case onsite
    }

    public struct Salary: Codable, Sendable, Equatable {
        public var min: Double?
        public var max: Double?
        public var currency: String?
        /// "year", "month", "hour", ...
        public var period: String?

        public init(min: Double? = nil, max: Double? = nil, currency: String? = nil, period: String? = nil) {
            self.min = min
            self.max = max
            self.currency = currency
            self.period = period
        }
    }

    public var id: String
    public var title: String
    public var company: String
    public var locations: [String]
    public var workplace: Workplace?
    public var employmentType: String?
    public var salary: Salary?
    /// Sanitised plain text.
    public var description: String?
    public var requiredSkills: [String]
    public var preferredSkills: [String]
    public var seniority: String?
    public var postedAt: Date?
    public var applyUrl: String?
    public var source: String
    public var closed: Bool

    public init(
        id: String, title: String, company: String, locations: [String] = [], workplace: Workplace? = nil,
        employmentType: String? = nil, salary: Salary? = nil, description: String? = nil,
        requiredSkills: [String] = [], preferredSkills: [String] = [], seniority: String? = nil,
        postedAt: Date? = nil, applyUrl: String? = nil, source: String, closed: Bool = false
    ) {
        self.id = id
        self.title = title
        self.company = company
        self.locations = locations
        self.workplace = workplace
        self.employmentType = employmentType
        self.salary = salary
        self.description = description
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.seniority = seniority
        self.postedAt = postedAt
        self.applyUrl = applyUrl
        self.source = source
        self.closed = closed
    }
}

/// One entry of job-service's `GET /jobs/recommendations`: the posting, its
/// score and the skills that explain it.
public struct JobRecommendation: Codable, Sendable, Equatable {
    public var job: Job
    /// 0–100, the same formula as the AI service's skill analysis.
    public var score: Double
    public var matchedSkills: [String]
    public var missingSkills: [String]

    public init(job: Job, score: Double, matchedSkills: [String], missingSkills: [String]) {
        self.job = job
        self.score = score
        self.matchedSkills = matchedSkills
        self.missingSkills = missingSkills
    }
}

public struct JobRecommendationPage: Codable, Sendable, Equatable {
    public var items: [JobRecommendation]

    public init(items: [JobRecommendation]) { self.items = items }
}
