import Contracts
import Database
import Foundation

/// The columns a `Job` is read from, and the reading: one place, so search,
/// recommendations and application snapshots serve the same shape.
enum PostingColumns {
    /// Everything a list needs; the HTML description is left out of lists.
    static let summary = """
        id, title, company, locations, workplace, employment_type, salary_min, salary_max, salary_currency,
        salary_period, description, required_skills, preferred_skills, seniority, posted_at, source_updated_at,
        apply_url, source, external_id, attribution_url, sample, closed_at
        """
    static let full = summary + ", description_html"
    /// `summary` with the description's head only, enough for
    /// `ListingDescription.shortened` (500 characters) even where characters
    /// take several code points: descriptions are stored uncompressed
    /// (migration 0005), so PostgreSQL reads just the first chunk.
    static let listing = summary.replacingOccurrences(
        of: " description,", with: " left(description, \(ListingDescription.maximumLength * 2)) AS description,")

    /// A `Job` from a row selected with `summary` or `full` (optionally prefixed).
    static func job(from row: DatabaseRow) throws -> Job {
        let salaryMin = try row.decode(Double?.self, "salary_min")
        let salaryMax = try row.decode(Double?.self, "salary_max")
        let currency = try row.decode(String?.self, "salary_currency")
        let period = try row.decode(String?.self, "salary_period")
        let salary =
            salaryMin == nil && salaryMax == nil
            ? nil : Job.Salary(min: salaryMin, max: salaryMax, currency: currency, period: period)
        let closedAt = try row.decode(Date?.self, "closed_at")
        return Job(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(), title: try row.decode("title"),
            company: try row.decode("company"), locations: try row.decode("locations"),
            workplace: try row.decode(String?.self, "workplace").flatMap(Job.Workplace.init(rawValue:)),
            employmentType: try row.decode("employment_type"), salary: salary,
            description: try row.decode("description"),
            descriptionHtml: row.hasColumn("description_html") ? try row.decode("description_html") : nil,
            requiredSkills: try row.decode("required_skills"), preferredSkills: try row.decode("preferred_skills"),
            seniority: try row.decode("seniority"), postedAt: try row.decode("posted_at"),
            updatedAt: try row.decode("source_updated_at"), applyUrl: try row.decode("apply_url"),
            source: try row.decode("source"), externalId: try row.decode("external_id"),
            attributionUrl: try row.decode("attribution_url"), sample: try row.decode("sample"),
            closed: closedAt != nil, closedAt: closedAt)
    }
}
