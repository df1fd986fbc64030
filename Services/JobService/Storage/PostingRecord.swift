import Contracts
import Foundation
import Security

/// One normalised posting as a row of the batch `PostingStore.save` sends:
/// the whole batch travels as one JSON parameter read by `jsonb_to_recordset`,
/// so a page of a thousand postings is one statement, not a thousand.
struct PostingRecord: Codable, Sendable {
    var source: String
    var externalId: String
    var sourceKey: String?
    var title: String
    var company: String
    var locations: [String]
    var workplace: String?
    var employmentType: String?
    var salaryMin: Double?
    var salaryMax: Double?
    var salaryCurrency: String?
    var salaryPeriod: String?
    var salaryAnnualMin: Double?
    var salaryAnnualMax: Double?
    var description: String
    var descriptionHtml: String
    var requiredSkills: [String]
    var preferredSkills: [String]
    var skillIds: [String]
    var skillText: String
    var seniority: String?
    var postedAt: Date?
    var sourceUpdatedAt: Date?
    var applyUrl: String?
    var attributionUrl: String?
    var sample: Bool
    var dedupeKey: String
    var contentHash: String

    /// The recordset's column names.
    private enum CodingKeys: String, CodingKey {
        case source
        case externalId = "external_id"
        case sourceKey = "source_key"
        case title, company, locations, workplace
        case employmentType = "employment_type"
        case salaryMin = "salary_min"
        case salaryMax = "salary_max"
        case salaryCurrency = "salary_currency"
        case salaryPeriod = "salary_period"
        case salaryAnnualMin = "salary_annual_min"
        case salaryAnnualMax = "salary_annual_max"
        case description
        case descriptionHtml = "description_html"
        case requiredSkills = "required_skills"
        case preferredSkills = "preferred_skills"
        case skillIds = "skill_ids"
        case skillText = "skill_text"
        case seniority
        case postedAt = "posted_at"
        case sourceUpdatedAt = "source_updated_at"
        case applyUrl = "apply_url"
        case attributionUrl = "attribution_url"
        case sample
        case dedupeKey = "dedupe_key"
        case contentHash = "content_hash"
    }

    init(_ posting: NormalizedPosting, sourceKey: String?, skillText: String) {
        source = posting.source
        externalId = posting.externalId
        self.sourceKey = sourceKey
        title = posting.title
        company = posting.company
        locations = posting.locations
        workplace = posting.workplace?.rawValue
        employmentType = posting.employmentType
        salaryMin = posting.salary?.min
        salaryMax = posting.salary?.max
        salaryCurrency = posting.salary?.currency
        salaryPeriod = posting.salary?.period
        salaryAnnualMin = posting.annualSalaryMin
        salaryAnnualMax = posting.annualSalaryMax
        description = posting.descriptionText
        descriptionHtml = posting.descriptionHtml
        requiredSkills = posting.requiredSkills
        preferredSkills = posting.preferredSkills
        skillIds = posting.skillIds
        self.skillText = skillText
        seniority = posting.seniority
        postedAt = posting.postedAt
        sourceUpdatedAt = posting.updatedAt
        applyUrl = posting.applyUrl
        attributionUrl = posting.attributionUrl
        sample = posting.sample
        dedupeKey = posting.dedupeKey
        contentHash = ""
        contentHash = Self.hash(of: self)
    }

    /// SHA-256 of every stored field: an unchanged posting is not rewritten,
    /// so re-ingesting a board costs reads, not writes.
    private static func hash(of record: PostingRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        let bytes = (try? encoder.encode(record)).map(Array.init) ?? []
        return Digest.hex(Digest.sha256(bytes))
    }

    /// The recordset's column list, matching the fields above.
    static let columns = """
        source text, external_id text, source_key text, title text, company text, locations text[],
        workplace text, employment_type text, salary_min float8, salary_max float8, salary_currency text,
        salary_period text, salary_annual_min float8, salary_annual_max float8, description text,
        description_html text, required_skills text[], preferred_skills text[], skill_ids text[], skill_text text,
        seniority text, posted_at timestamptz, source_updated_at timestamptz, apply_url text, attribution_url text,
        sample boolean, dedupe_key text, content_hash text
        """
}
