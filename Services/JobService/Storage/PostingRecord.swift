import Contracts
import Foundation
import Security

/// One normalised posting as a row of the batch `PostingStore.save` sends:
/// the whole batch travels as one JSON parameter read by `jsonb_to_recordset`,
/// so a page of a thousand postings is one statement, not a thousand.
struct PostingRecord: Codable, Sendable {
    var source: String
    var external_id: String
    var source_key: String?
    var title: String
    var company: String
    var locations: [String]
    var workplace: String?
    var employment_type: String?
    var salary_min: Double?
    var salary_max: Double?
    var salary_currency: String?
    var salary_period: String?
    var salary_annual_min: Double?
    var salary_annual_max: Double?
    var description: String
    var description_html: String
    var required_skills: [String]
    var preferred_skills: [String]
    var skill_ids: [String]
    var skill_text: String
    var seniority: String?
    var posted_at: Date?
    var source_updated_at: Date?
    var apply_url: String?
    var attribution_url: String?
    var sample: Bool
    var dedupe_key: String
    var content_hash: String

    init(_ posting: NormalizedPosting, sourceKey: String?, skillText: String) {
        source = posting.source
        external_id = posting.externalId
        source_key = sourceKey
        title = posting.title
        company = posting.company
        locations = posting.locations
        workplace = posting.workplace?.rawValue
        employment_type = posting.employmentType
        salary_min = posting.salary?.min
        salary_max = posting.salary?.max
        salary_currency = posting.salary?.currency
        salary_period = posting.salary?.period
        salary_annual_min = posting.annualSalaryMin
        salary_annual_max = posting.annualSalaryMax
        description = posting.descriptionText
        description_html = posting.descriptionHtml
        required_skills = posting.requiredSkills
        preferred_skills = posting.preferredSkills
        skill_ids = posting.skillIds
        skill_text = skillText
        seniority = posting.seniority
        posted_at = posting.postedAt
        source_updated_at = posting.updatedAt
        apply_url = posting.applyUrl
        attribution_url = posting.attributionUrl
        sample = posting.sample
        dedupe_key = posting.dedupeKey
        content_hash = ""
        content_hash = Self.hash(of: self)
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
