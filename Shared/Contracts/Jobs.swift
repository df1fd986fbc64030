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
    /// "full_time", "part_time", "contract", "temporary", "internship".
    public var employmentType: String?
    public var salary: Salary?
    /// Sanitised plain text.
    public var description: String?
    /// The description as safe HTML: no scripts, styles, event handlers or
    /// script URLs. Absent from search result lists.
    public var descriptionHtml: String?
    /// Taxonomy skill ids the posting requires, and those it only prefers.
    public var requiredSkills: [String]
    public var preferredSkills: [String]
    /// "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director".
    public var seniority: String?
    public var postedAt: Date?
    /// When the board last changed the posting.
    public var updatedAt: Date?
    public var applyUrl: String?
    /// The board the posting came from: "greenhouse", "lever", "ashby",
    /// "remoteok", "arbeitnow", "adzuna", "usajobs", "import" or "sample".
    public var source: String
    /// The posting's id at its board.
    public var externalId: String?
    /// A link back to the board, where its terms ask for one (RemoteOK).
    public var attributionUrl: String?
    /// Bundled sample data, not a real opening.
    public var sample: Bool
    public var closed: Bool
    /// When the posting disappeared from its board.
    public var closedAt: Date?

    public init(
        id: String, title: String, company: String, locations: [String] = [], workplace: Workplace? = nil,
        employmentType: String? = nil, salary: Salary? = nil, description: String? = nil,
        descriptionHtml: String? = nil, requiredSkills: [String] = [], preferredSkills: [String] = [],
        seniority: String? = nil, postedAt: Date? = nil, updatedAt: Date? = nil, applyUrl: String? = nil,
        source: String, externalId: String? = nil, attributionUrl: String? = nil, sample: Bool = false,
        closed: Bool = false, closedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.company = company
        self.locations = locations
        self.workplace = workplace
        self.employmentType = employmentType
        self.salary = salary
        self.description = description
        self.descriptionHtml = descriptionHtml
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.seniority = seniority
        self.postedAt = postedAt
        self.updatedAt = updatedAt
        self.applyUrl = applyUrl
        self.source = source
        self.externalId = externalId
        self.attributionUrl = attributionUrl
        self.sample = sample
        self.closed = closed
        self.closedAt = closedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, company, locations, workplace, employmentType, salary, description, descriptionHtml
        case requiredSkills, preferredSkills, seniority, postedAt, updatedAt, applyUrl, source, externalId
        case attributionUrl, sample, closed, closedAt
    }

    /// Older senders omit the newer fields; they decode to their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        company = try container.decode(String.self, forKey: .company)
        locations = try container.decodeIfPresent([String].self, forKey: .locations) ?? []
        workplace = try container.decodeIfPresent(Workplace.self, forKey: .workplace)
        employmentType = try container.decodeIfPresent(String.self, forKey: .employmentType)
        salary = try container.decodeIfPresent(Salary.self, forKey: .salary)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        descriptionHtml = try container.decodeIfPresent(String.self, forKey: .descriptionHtml)
        requiredSkills = try container.decodeIfPresent([String].self, forKey: .requiredSkills) ?? []
        preferredSkills = try container.decodeIfPresent([String].self, forKey: .preferredSkills) ?? []
        seniority = try container.decodeIfPresent(String.self, forKey: .seniority)
        postedAt = try container.decodeIfPresent(Date.self, forKey: .postedAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
        applyUrl = try container.decodeIfPresent(String.self, forKey: .applyUrl)
        source = try container.decode(String.self, forKey: .source)
        externalId = try container.decodeIfPresent(String.self, forKey: .externalId)
        attributionUrl = try container.decodeIfPresent(String.self, forKey: .attributionUrl)
        sample = try container.decodeIfPresent(Bool.self, forKey: .sample) ?? false
        closed = try container.decodeIfPresent(Bool.self, forKey: .closed) ?? false
        closedAt = try container.decodeIfPresent(Date.self, forKey: .closedAt)
    }
}

/// One entry of job-service's `GET /jobs/recommendations`: the posting, its
/// score and the skills that explain it.
public struct JobRecommendation: Codable, Sendable, Equatable {
    public var job: Job
    /// 0–100: the blend of `components`, skills weighing most.
    public var score: Double
    /// Taxonomy ids of the posting's skills the user has (or has implied).
    public var matchedSkills: [String]
    /// Taxonomy ids of the posting's skills the user lacks, required first.
    public var missingSkills: [String]
    /// What the score is made of, so a user can see why a posting ranks where it does.
    public var explanation: RecommendationExplanation?

    public init(
        job: Job, score: Double, matchedSkills: [String], missingSkills: [String],
        explanation: RecommendationExplanation? = nil
    ) {
        self.job = job
        self.score = score
        self.matchedSkills = matchedSkills
        self.missingSkills = missingSkills
        self.explanation = explanation
    }
}

/// The parts of a recommendation's score, each 0–1 (nil when there was nothing
/// to measure), their weights, and one sentence per notable reason.
public struct RecommendationExplanation: Codable, Sendable, Equatable {
    /// The AI service's skill match score (0–100) for this posting's required
    /// and preferred skills.
    public var skillScore: Int
    public var titleSimilarity: Double?
    public var embeddingSimilarity: Double?
    public var recency: Double?
    public var preferenceFit: Double?
    public var weights: [String: Double]
    public var reasons: [String]

    public init(
        skillScore: Int, titleSimilarity: Double? = nil, embeddingSimilarity: Double? = nil, recency: Double? = nil,
        preferenceFit: Double? = nil, weights: [String: Double] = [:], reasons: [String] = []
    ) {
        self.skillScore = skillScore
        self.titleSimilarity = titleSimilarity
        self.embeddingSimilarity = embeddingSimilarity
        self.recency = recency
        self.preferenceFit = preferenceFit
        self.weights = weights
        self.reasons = reasons
    }
}

public struct JobRecommendationPage: Codable, Sendable, Equatable {
    public var items: [JobRecommendation]

    public init(items: [JobRecommendation]) { self.items = items }
}

/// One page of `GET /jobs`: postings in rank order, the cursor of the next
/// page (nil on the last), and counts over every match for narrowing down.
public struct JobSearchPage: Codable, Sendable, Equatable {
    public var items: [Job]
    public var nextCursor: String?
    /// How many open postings match, over all pages.
    public var total: Int
    public var facets: JobFacets

    public init(items: [Job], nextCursor: String?, total: Int, facets: JobFacets) {
        self.items = items
        self.nextCursor = nextCursor
        self.total = total
        self.facets = facets
    }
}

public struct JobFacets: Codable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public var value: String
        public var count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    public var workplace: [Count]
    public var employmentType: [Count]
    public var company: [Count]
    /// Taxonomy skill ids, most frequent first.
    public var skills: [Count]

    public init(workplace: [Count] = [], employmentType: [Count] = [], company: [Count] = [], skills: [Count] = []) {
        self.workplace = workplace
        self.employmentType = employmentType
        self.company = company
        self.skills = skills
    }
}
